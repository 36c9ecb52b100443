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

    [Fact]
    public async Task Stores_referral_statuses_as_their_codes_and_finds_them_by_value()
    {
        var survivor = await RegisterAsync();
        var sent = (await SendAsync(survivor.Id)).Value!;
        await DeliverReferralAsync(sent.Id);
        Assert.True((await Changing(e => e.ChangeStatusAsync(Recipient, sent.Id, new StatusChangeRequest("accepted"), default))).Succeeded);
        await DeliverAsync<ReferralStatusChangedConsumer>(async e => await e.ApplyRemoteStatusAsync(await LastMessageAsync<ReferralStatusChanged>(), default));
        Assert.True((await Changing(e => e.ChangeStatusAsync(Recipient, sent.Id, new StatusChangeRequest("in-progress"), default))).Succeeded);

        var stored = await Db(db => db.Database.SqlQuery<string>($"SELECT \"Status\" AS \"Value\" FROM referrals WHERE \"Id\" = {sent.Id} ORDER BY \"Side\"").ToListAsync());
        var inProgress = await Db(db => db.Set<Referral>().Where(r => r.Id == sent.Id && r.Status == ReferralStatus.InProgress).Select(r => r.OrganisationId).ToListAsync());

        Assert.Equal(["in-progress", "accepted"], stored);
        Assert.Equal([Recipient], inProgress);
    }
}
