namespace ReferralNet.Referrals.Tests.Revocation;

/// <summary>A revoked or expired consent: recipients purge, the origin sees each confirmation.</summary>
public sealed class Revocation_and_expiry : EngineOnSqlite
{
    [Fact]
    public async Task Tells_the_recipient_to_purge_every_referral_under_a_revoked_consent_and_redacts_the_own_note()
    {
        var survivor = await RegisterAsync();
        var consent = await ConsentAsync(survivor.Id, Recipient, AllCategories);
        var first = (await SendAsync(survivor.Id, share: AllCategories, note: survivor.Canaries.Note)).Value!;
        var second = (await SendAsync(survivor.Id, share: ["identity"], service: "bed:youth")).Value!;
        clock.Advance(TimeSpan.FromHours(1));

        var revoked = await Revocation(e => e.RevokeAsync(Sender, consent.Id, "survivor-request", default));

        Assert.True(revoked.Succeeded, revoked.Message);
        var withdrawn = await LastRowAsync<ConsentWithdrawn>();
        Assert.Equal(RecipientQueue, withdrawn.Row.Destination);
        Assert.Equal((consent.Id, Sender, Recipient, "revoked"), (withdrawn.Message.ConsentId, withdrawn.Message.FromOrganisationId, withdrawn.Message.RecipientOrganisationId, withdrawn.Message.Cause));
        Assert.Equal(new[] { first.Id, second.Id }.Order(), withdrawn.Message.ReferralIds.Order());
        AssertHoldsNone(withdrawn.Row.Body, survivor.Canaries.All);
        Assert.Equal(SurvivorProfile.Redacted, (await SentAsync(first.Id)).Profile.Note);
        Assert.All(await Db(db => db.Set<Disclosure>().ToListAsync()), d => Assert.Equal(clock.GetUtcNow(), d.PurgeRequestedAt));

        var view = (await Consents(e => e.ConsentAsync(Sender, consent.Id, default))).Value!;
        Assert.Equal("revoked", view.Status);
        var holder = Assert.Single(view.Recipients);
        Assert.Equal(Recipient, holder.OrganisationId);
        Assert.False(holder.PurgeConfirmed);
    }

    [Fact]
    public async Task Refuses_to_revoke_a_consent_twice()
    {
        var survivor = await RegisterAsync();
        var consent = await ConsentAsync(survivor.Id, Recipient, "identity");
        await SendAsync(survivor.Id, share: ["identity"]);
        Assert.True((await Revocation(e => e.RevokeAsync(Sender, consent.Id, "survivor-request", default))).Succeeded);
        var rows = (await OutboxAsync()).Count;

        var again = await Revocation(e => e.RevokeAsync(Sender, consent.Id, "other", default));

        Assert.Equal(ErrorKind.Conflict, again.Error);
        Assert.Contains("already revoked", again.Message);
        Assert.Equal(rows, (await OutboxAsync()).Count);
    }

    [Fact]
    public async Task Refuses_a_revocation_without_a_reason_code()
    {
        var survivor = await RegisterAsync();
        var consent = await ConsentAsync(survivor.Id, Recipient, "identity");

        Assert.Equal(ErrorKind.Invalid, (await Revocation(e => e.RevokeAsync(Sender, consent.Id, null, default))).Error);
        Assert.Equal(ErrorKind.Invalid, (await Revocation(e => e.RevokeAsync(Sender, consent.Id, "she asked us to", default))).Error);
        Assert.Equal(ErrorKind.NotFound, (await Revocation(e => e.RevokeAsync(Bystander, consent.Id, "survivor-request", default))).Error);
        Assert.Equal("active", (await Consents(e => e.ConsentAsync(Sender, consent.Id, default))).Value!.Status);
    }

    [Fact]
    public async Task Refuses_new_disclosures_once_consent_is_revoked()
    {
        var survivor = await RegisterAsync();
        var consent = await ConsentAsync(survivor.Id, Recipient, "identity");
        await Revocation(e => e.RevokeAsync(Sender, consent.Id, "survivor-request", default));

        var outcome = await SendAsync(survivor.Id, share: ["identity"]);

        Assert.Equal(ErrorKind.Forbidden, outcome.Error);
        Assert.Contains("revoked", outcome.Message);
    }

    [Fact]
    public async Task Purges_every_personal_field_at_the_recipient_and_keeps_the_rest()
    {
        var survivor = await RegisterAsync();
        var consent = await ConsentAsync(survivor.Id, Recipient, AllCategories);
        var sent = (await SendAsync(survivor.Id, share: AllCategories, note: survivor.Canaries.Note, priority: "urgent")).Value!;
        await DeliverReferralAsync(sent.Id);
        await Changing(e => e.ChangeStatusAsync(Recipient, sent.Id, new StatusChangeRequest("accepted"), default));
        var before = await ReceivedAsync(sent.Id);
        Assert.Equal(survivor.Canaries.GivenName, before.Profile.GivenName);
        var auditBefore = await AuditAsync(Recipient, sent.Id);
        await Revocation(e => e.RevokeAsync(Sender, consent.Id, "safety-concern", default));
        clock.Advance(TimeSpan.FromMinutes(2));

        await DeliverAsync<ConsentWithdrawnConsumer>(async e => await e.ApplyAsync(await LastMessageAsync<ConsentWithdrawn>(), default));

        var after = await ReceivedAsync(sent.Id);
        foreach (var value in new[] { after.Profile.GivenName, after.Profile.FamilyName, after.Profile.Gender, after.Profile.Phone, after.Profile.Email, after.Profile.HealthNotes, after.Profile.LegalStatusNotes, after.Profile.CaseNotes, after.Profile.Note })
            Assert.Equal(SurvivorProfile.Redacted, value);
        Assert.Null(after.Profile.DateOfBirth);
        Assert.Equal(clock.GetUtcNow(), after.PurgedAt);
        AssertHoldsNone(JsonSerializer.Serialize(after), survivor.Canaries.All);
        Assert.Equal((before.Status, before.Service, before.Priority, before.FromOrganisationId, before.RequestedAt, before.DueAt, before.ReceivedAt, before.ConsentId),
            (after.Status, after.Service, after.Priority, after.FromOrganisationId, after.RequestedAt, after.DueAt, after.ReceivedAt, after.ConsentId));
        Assert.Equal(before.NeedLanguages, after.NeedLanguages);
        Assert.Equal(before.SharedCategories, after.SharedCategories);

        var auditAfter = await AuditAsync(Recipient, sent.Id);
        Assert.Equal(auditBefore.Select(a => (a.Id, a.Action, a.At, a.FromStatus, a.ToStatus)), auditAfter.Take(auditBefore.Count).Select(a => (a.Id, a.Action, a.At, a.FromStatus, a.ToStatus)));
        Assert.Equal(("purged", "revoked"), (auditAfter[^1].Action.Code(), auditAfter[^1].Reason));

        var purged = await LastRowAsync<PersonalDataPurged>();
        Assert.Equal(SenderQueue, purged.Row.Destination);
        Assert.Equal((consent.Id, Recipient), (purged.Message.ConsentId, purged.Message.RecipientOrganisationId));
        Assert.Equal(new[] { sent.Id }, purged.Message.ReferralIds);
    }

    [Fact]
    public async Task Stores_no_personal_data_of_a_referral_that_arrives_after_its_consent_was_withdrawn()
    {
        var survivor = await RegisterAsync();
        var consent = await ConsentAsync(survivor.Id, Recipient, AllCategories);
        var sent = (await SendAsync(survivor.Id, share: AllCategories)).Value!;
        await Revocation(e => e.RevokeAsync(Sender, consent.Id, "survivor-request", default));

        // The withdrawal overtakes the referral.
        await DeliverAsync<ConsentWithdrawnConsumer>(async e => await e.ApplyAsync(await LastMessageAsync<ConsentWithdrawn>(), default));
        await DeliverReferralAsync(sent.Id);

        var stored = await ReceivedAsync(sent.Id);
        Assert.Empty(stored.SharedCategories);
        AssertNoPersonalData(stored);
        AssertHoldsNone(JsonSerializer.Serialize(stored), survivor.Canaries.All);
    }

    [Fact]
    public async Task Shows_the_origin_each_recipients_purge_once_confirmed()
    {
        var survivor = await RegisterAsync();
        var consent = await ConsentAsync(survivor.Id, Recipient, "identity", "contact");
        var sent = (await SendAsync(survivor.Id, share: ["contact"])).Value!;
        await DeliverReferralAsync(sent.Id);
        await Revocation(e => e.RevokeAsync(Sender, consent.Id, "survivor-request", default));
        await DeliverAsync<ConsentWithdrawnConsumer>(async e => await e.ApplyAsync(await LastMessageAsync<ConsentWithdrawn>(), default));
        var purgedAt = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromSeconds(30));

        await DeliverAsync<PersonalDataPurgedConsumer>(async e => await e.ConfirmPurgeAsync(await LastMessageAsync<PersonalDataPurged>(), default));

        var disclosure = Assert.Single(await Db(db => db.Set<Disclosure>().ToListAsync()));
        Assert.Equal(purgedAt, disclosure.PurgeConfirmedAt);
        var view = (await Consents(e => e.ConsentAsync(Sender, consent.Id, default))).Value!;
        var holder = Assert.Single(view.Recipients);
        Assert.Equal((Recipient, true, (DateTimeOffset?)purgedAt), (holder.OrganisationId, holder.PurgeConfirmed, holder.PurgeConfirmedAt));
        Assert.Equal(new[] { sent.Id }, holder.ReferralIds);
        Assert.Contains(await AuditAsync(Sender, sent.Id), a => a.Action.Code() == "purge-confirmed" && a.ActorOrganisationId == Recipient);
    }

    [Fact]
    public async Task Redacts_a_received_copy_when_its_consent_expires_without_waiting_for_the_origin()
    {
        var survivor = await RegisterAsync();
        await Consents(e => e.RecordConsentAsync(Sender, survivor.Id,
            new ConsentRequest(Recipient, ["identity", "contact"], "written", null, clock.GetUtcNow().AddDays(3)), default));
        var sent = (await SendAsync(survivor.Id, share: ["identity", "contact"])).Value!;
        await DeliverReferralAsync(sent.Id);

        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, await Revocation(e => e.RedactExpiredCopiesAsync(default)));
        Assert.Equal(survivor.Canaries.GivenName, (await ReceivedAsync(sent.Id)).Profile.GivenName);

        // The origin is silent (down, say): the recipient's own copy goes anyway.
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await Revocation(e => e.RedactExpiredCopiesAsync(default)));
        var theirs = await ReceivedAsync(sent.Id);
        Assert.Equal((SurvivorProfile.Redacted, SurvivorProfile.Redacted, (DateOnly?)null), (theirs.Profile.GivenName, theirs.Profile.Phone, theirs.Profile.DateOfBirth));
        Assert.NotNull(theirs.PurgedAt);
        Assert.Equal(0, await Revocation(e => e.RedactExpiredCopiesAsync(default)));
        Assert.Single(await AuditAsync(Recipient, sent.Id), a => a.Action.Code() == "purged" && a.Reason == "expired");
    }

    [Fact]
    public async Task Treats_an_expired_consent_like_a_revoked_one()
    {
        var survivor = await RegisterAsync();
        var consent = await Consents(e => e.RecordConsentAsync(Sender, survivor.Id,
            new ConsentRequest(Recipient, ["identity", "case-notes"], "verbal", "caseworker-2", clock.GetUtcNow().AddDays(7)), default));
        var sent = (await SendAsync(survivor.Id, share: ["identity", "case-notes"], note: survivor.Canaries.Note)).Value!;
        await DeliverReferralAsync(sent.Id);

        clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(0, await Revocation(e => e.ExpireConsentsAsync(default)));
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await Revocation(e => e.ExpireConsentsAsync(default)));
        Assert.Equal(0, await Revocation(e => e.ExpireConsentsAsync(default)));

        var withdrawn = await LastRowAsync<ConsentWithdrawn>();
        Assert.Equal(RecipientQueue, withdrawn.Row.Destination);
        Assert.Equal((consent.Value!.Id, "expired"), (withdrawn.Message.ConsentId, withdrawn.Message.Cause));
        Assert.Equal(new[] { sent.Id }, withdrawn.Message.ReferralIds);
        Assert.Equal(1, (await OutboxAsync()).Count(r => r.MessageType == typeof(ConsentWithdrawn).FullName));
        Assert.Equal(SurvivorProfile.Redacted, (await SentAsync(sent.Id)).Profile.Note);
        Assert.Equal("expired", (await Consents(e => e.ConsentAsync(Sender, consent.Value!.Id, default))).Value!.Status);
        Assert.Equal(ErrorKind.Forbidden, (await SendAsync(survivor.Id, share: ["identity"])).Error);

        await DeliverAsync<ConsentWithdrawnConsumer>(async e => await e.ApplyAsync(withdrawn.Message, default));
        Assert.Equal(SurvivorProfile.Redacted, (await ReceivedAsync(sent.Id)).Profile.GivenName);
    }
}
