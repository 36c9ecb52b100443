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

    [Fact]
    public async Task A_referral_still_being_retried_when_its_consent_is_withdrawn_reaches_the_error_queue_without_its_profile()
    {
        await using var network = await InProcessNetwork.StartAsync(broker);
        await using var reader = await BrokerReader.ConnectAsync(network.BrokerConnectionString);
        var values = new PersonalValues();
        var caseworker = NewCaseworker(network);
        var (survivor, consent) = await caseworker.ConsentedSurvivorAsync(values);

        // The shelter can record no referral (but can apply a withdrawal): this one is retried for
        // seconds, and the withdrawal right behind it is applied, and its queues scrubbed, meanwhile.
        await ShelterSqlAsync(network, "CREATE TRIGGER no_referrals BEFORE INSERT ON referrals BEGIN SELECT RAISE(ABORT, 'held back by the test'); END");
        var referral = await caseworker.ReferAsync(survivor, values);
        await caseworker.RevokeAsync(consent);

        var failed = await Eventually.ReturnsAsync(async () => (await reader.PeekAsync(ErrorQueue)).Where(m => m.Contains(referral, StringComparison.Ordinal)).ToList(),
            m => m.Count > 0, "the referral in the shelter's error queue", TimeSpan.FromSeconds(90));
        await ShelterSqlAsync(network, "DROP TRIGGER no_referrals");
        Assert.True(await ShelterWithdrawnAsync(network, consent), "the shelter applied the withdrawal while the referral was held back");
        foreach (var message in failed)
        {
            Assert.True(values.FoundIn(message).Count == 0, $"readable in the error queue after the withdrawal: {string.Join(", ", values.FoundIn(message))}");
            Assert.False(message.Contains("ciphertext", StringComparison.Ordinal), $"a sealed profile the shelter's key still opens reached the error queue after the withdrawal:\n{message}");
        }
    }

    [Fact]
    public async Task A_failed_referral_whose_consent_expires_while_its_origin_is_down_holds_nothing_personal()
    {
        await using var network = await InProcessNetwork.StartAsync(broker, new Dictionary<string, string?> { [ExpiryIntervalKey] = "00:00:01" });
        await using var reader = await BrokerReader.ConnectAsync(network.BrokerConnectionString);
        var values = new PersonalValues();
        var caseworker = NewCaseworker(network);
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(40);
        var (survivor, _) = await caseworker.ConsentedSurvivorAsync(values, expiresAt);

        await ShelterSqlAsync(network, "CREATE TRIGGER no_referrals BEFORE INSERT ON referrals BEGIN SELECT RAISE(ABORT, 'held back by the test'); END");
        var referral = await caseworker.ReferAsync(survivor, values);
        var failed = await Eventually.ReturnsAsync(() => reader.PeekAsync(ErrorQueue), m => m.Any(t => t.Contains(referral, StringComparison.Ordinal)),
            "the referral in the shelter's error queue", TimeSpan.FromSeconds(30));
        Assert.Contains(failed, m => m.Contains(referral, StringComparison.Ordinal) && m.Contains("ciphertext", StringComparison.Ordinal)); // with its profile, sealed
        // The origin, which would tell the shelter of the expiry, is gone before the consent ends.
        await network.LegalAid.DisposeAsync();
        Assert.True(DateTimeOffset.UtcNow < expiresAt, "the test was too slow: the consent expired before the origin stopped");

        var left = await Eventually.ReturnsAsync(async () => (await reader.PeekAsync(ErrorQueue)).Where(m => m.Contains(referral, StringComparison.Ordinal)).ToList(),
            m => m.Count > 0 && m.All(t => !t.Contains("ciphertext", StringComparison.Ordinal)),
            "the expired referral in the error queue without its sealed profile", expiresAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30));
        foreach (var message in left)
            Assert.True(values.FoundIn(message).Count == 0, $"readable in the error queue after the consent expired: {string.Join(", ", values.FoundIn(message))}");
    }

    // The interval of the recipient's expiry pass: a second, so the test waits for the expiry, not the timer.
    const string ExpiryIntervalKey = "ReferralNet:ConsentExpiryInterval";

    static Caseworker NewCaseworker(InProcessNetwork network) =>
        new(network.ClientFor(SeededOrganisations.Find("justice-bridge")), network.ClientFor(SeededOrganisations.Find(Caseworker.Recipient)));

    static async Task<bool> ShelterWithdrawnAsync(InProcessNetwork network, string consentId)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = network.Shelter.DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM withdrawn_consents WHERE ConsentId = $id";
        command.Parameters.AddWithValue("$id", consentId);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))! > 0;
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
