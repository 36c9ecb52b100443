namespace ReferralNet.Referrals.Tests.Audit;

/// <summary>The audit trail on both sides: every transition and disclosure, no personal data.</summary>
public sealed class Audit_trail : EngineOnSqlite
{
    [Fact]
    public async Task Keeps_every_transition_and_disclosure_in_an_audit_trail_without_personal_data()
    {
        var survivor = await RegisterAsync();
        var consent = await ConsentAsync(survivor.Id, Recipient, AllCategories);
        var sent = (await SendAsync(survivor.Id, share: AllCategories, note: survivor.Canaries.Note)).Value!;
        var t0 = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromMinutes(1));
        await DeliverReferralAsync(sent.Id);
        await DeliverAsync<ReferralReceivedConsumer>(async e => await e.ConfirmReceiptAsync(await LastMessageAsync<ReferralReceived>(), default));
        clock.Advance(TimeSpan.FromMinutes(1));
        await Step(Recipient, "accepted");
        clock.Advance(TimeSpan.FromMinutes(1));
        await Step(Recipient, "in-progress");
        clock.Advance(TimeSpan.FromMinutes(1));
        await Step(Recipient, "on-hold", "awaiting-documents");
        clock.Advance(TimeSpan.FromMinutes(1));
        await Step(Sender, "cancelled", "safety-concern");
        clock.Advance(TimeSpan.FromMinutes(1));
        await Revocation(e => e.RevokeAsync(Sender, consent.Id, "safety-concern", default));
        await DeliverAsync<ConsentWithdrawnConsumer>(async e => await e.ApplyAsync(await LastMessageAsync<ConsentWithdrawn>(), default));
        await DeliverAsync<PersonalDataPurgedConsumer>(async e => await e.ConfirmPurgeAsync(await LastMessageAsync<PersonalDataPurged>(), default));

        var mine = await AuditAsync(Sender, sent.Id);
        var theirs = await AuditAsync(Recipient, sent.Id);

        Assert.Equal(
            new[] { "created", "disclosed", "receipt-confirmed", "status-changed", "status-changed", "status-changed", "status-changed", "purge-requested", "purge-confirmed" },
            mine.Select(a => a.Action.Code()));
        Assert.Equal(
            new[] { "received", "status-changed", "status-changed", "status-changed", "status-changed", "purged" },
            theirs.Select(a => a.Action.Code()));
        var expectedChanges = new (string Actor, string From, string To, string? Reason, DateTimeOffset At)[]
        {
            (Recipient, "requested", "accepted", null, t0.AddMinutes(2)),
            (Recipient, "accepted", "in-progress", null, t0.AddMinutes(3)),
            (Recipient, "in-progress", "on-hold", "awaiting-documents", t0.AddMinutes(4)),
            (Sender, "on-hold", "cancelled", "safety-concern", t0.AddMinutes(5)),
        };
        foreach (var trail in new[] { mine, theirs })
            Assert.Equal(expectedChanges, trail.Where(a => a.Action.Code() == "status-changed").Select(a => (a.ActorOrganisationId, a.FromStatus!, a.ToStatus!, a.Reason, a.At)));

        var disclosed = Assert.Single(mine, a => a.Action.Code() == "disclosed");
        Assert.Equal((Sender, t0), (disclosed.ActorOrganisationId, disclosed.At));
        Assert.Equal(AllCategories.Order(), disclosed.Categories.Order());
        Assert.Equal(AllCategories.Order(), theirs[0].Categories.Order());
        Assert.Equal(Sender, theirs[0].ActorOrganisationId);

        var everything = JsonSerializer.Serialize(await Db(db => db.Set<AuditEntry>().ToListAsync()));
        AssertHoldsNone(everything, survivor.Canaries.All);
    }
}
