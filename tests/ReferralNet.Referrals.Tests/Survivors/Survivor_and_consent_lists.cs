namespace ReferralNet.Referrals.Tests.Survivors;

/// <summary>The lists the portal shows a caseworker: only the organisation's own survivors and consents.</summary>
public sealed class Survivor_and_consent_lists : EngineOnSqlite
{
    [Fact]
    public async Task Lists_only_the_organisations_own_survivors_newest_first()
    {
        var older = await RegisterAsync();
        clock.Advance(TimeSpan.FromMinutes(1));
        var newer = await RegisterAsync();
        await Survivors(e => e.RegisterSurvivorAsync(Bystander, new SurvivorRegistration(GivenName: "Not theirs"), default));

        var listed = await Survivors(e => e.SurvivorsOfAsync(Sender, default));

        Assert.Equal([newer.Id, older.Id], listed.Select(s => s.Id));
    }

    [Fact]
    public async Task Lists_a_survivors_consents_with_each_recipients_purge_state_and_nothing_for_another_organisation()
    {
        var survivor = await RegisterAsync();
        var first = await ConsentAsync(survivor.Id, Recipient, "identity");
        clock.Advance(TimeSpan.FromMinutes(1));
        var second = await ConsentAsync(survivor.Id, "st-mary-clinic", "health");
        await SendAsync(survivor.Id, share: ["identity"]);
        await Revocation(e => e.RevokeAsync(Sender, first.Id, "survivor-request", default));

        var consents = await Consents(e => e.ConsentsOfAsync(Sender, survivor.Id, default));

        Assert.NotNull(consents);
        Assert.Equal([second.Id, first.Id], consents.Select(c => c.Id));
        Assert.Equal(("active", "revoked"), (consents[0].Status, consents[1].Status));
        var holder = Assert.Single(consents[1].Recipients);
        Assert.Equal((Recipient, false), (holder.OrganisationId, holder.PurgeConfirmed));
        Assert.Empty(consents[0].Recipients);
        Assert.Null(await Consents(e => e.ConsentsOfAsync(Bystander, survivor.Id, default)));
    }
}
