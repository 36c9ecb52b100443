using Microsoft.Data.Sqlite;
using ReferralNet.Testing;

namespace ReferralNet.Attacks.Tests.Confidentiality;

/// <summary>
/// A referral that failed at the shelter lies in <c>shelter-referrals_error</c>, where no purge of
/// the shelter's database reaches. After the survivor withdraws the consent, whoever reads that
/// queue (an operator, an intruder, the shelter itself with its own key) must find nothing personal
/// in it, readable or sealed.
/// </summary>
public sealed class Reading_the_error_queue_after_a_purge(BrokerFixture broker)
{
    const string ErrorQueue = "shelter-referrals_error";

    [Fact]
    public async Task After_the_consent_is_withdrawn_the_failed_referral_in_the_error_queue_holds_nothing_personal()
    {
        await using var network = await InProcessNetwork.StartAsync(broker);
        await using var reader = await BrokerReader.ConnectAsync(network.BrokerConnectionString);
        var values = new PersonalValues();
        var caseworker = new Caseworker(network.ClientFor(SeededOrganisations.Find("justice-bridge")), network.ClientFor(SeededOrganisations.Find(Caseworker.Recipient)));
        var (survivor, consent) = await caseworker.ConsentedSurvivorAsync(values);

        // The shelter cannot apply anything while its inbox table is away: the referral fails its retries.
        await ShelterSqlAsync(network, "ALTER TABLE inbox RENAME TO inbox_away");
        var referral = await caseworker.ReferAsync(survivor, values);
        var failed = await Eventually.ReturnsAsync(() => reader.PeekAsync(ErrorQueue), m => m.Any(t => t.Contains(referral, StringComparison.Ordinal)),
            "the referral in the shelter's error queue", TimeSpan.FromSeconds(90));
        Assert.Contains(failed, m => m.Contains("ciphertext", StringComparison.Ordinal) || values.FoundIn(m).Count > 0); // it is there, with its profile
        await ShelterSqlAsync(network, "ALTER TABLE inbox_away RENAME TO inbox");

        await caseworker.RevokeAsync(consent);

        await Eventually.HoldsAsync(async () => (await caseworker.SenderAuditAsync(referral)).Contains("purge-confirmed", StringComparison.Ordinal),
            "the shelter confirms the purge");
        var left = (await reader.PeekAsync(ErrorQueue)).Where(m => m.Contains(referral, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(left); // still there for an operator to replay, only without the survivor's data
        foreach (var message in left)
        {
            Assert.True(values.FoundIn(message).Count == 0, $"readable in the error queue after the purge: {string.Join(", ", values.FoundIn(message))}");
            Assert.False(message.Contains("ciphertext", StringComparison.Ordinal), $"a sealed profile the shelter's key still opens is in the error queue after the purge:\n{message}");
        }
    }

    static async Task ShelterSqlAsync(InProcessNetwork network, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = network.Shelter.DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
