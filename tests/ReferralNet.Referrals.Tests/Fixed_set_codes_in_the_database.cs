namespace ReferralNet.Referrals.Tests;

/// <summary>The database keeps the codes as the text it always stored, so existing rows still read.</summary>
public sealed class Fixed_set_codes_in_the_database : EngineOnSqlite
{
    [Fact]
    public async Task Stores_audit_actions_and_consent_methods_as_their_codes()
    {
        var survivor = await RegisterAsync();
        await ConsentAsync(survivor.Id, Recipient, "identity");
        var sent = (await SendAsync(survivor.Id, share: ["identity"])).Value!;

        var actions = await Db(db => db.Database.SqlQuery<string>($"SELECT \"Action\" AS \"Value\" FROM audit WHERE \"ReferralId\" = {sent.Id} ORDER BY \"Id\"").ToListAsync());
        var methods = await Db(db => db.Database.SqlQuery<string>($"SELECT \"Method\" AS \"Value\" FROM consents").ToListAsync());

        Assert.Equal(["created", "disclosed"], actions);
        Assert.Equal(["written"], methods);
    }
}
