namespace ReferralNet.Referrals.Tests.StatusChanges;

/// <summary>Status changes on either side, and how the other side applies them.</summary>
public sealed class Status_changes : EngineOnSqlite
{
    [Fact]
    public async Task Answers_not_found_for_another_organisations_referral()
    {
        var survivor = await RegisterAsync();
        var sent = (await SendAsync(survivor.Id)).Value!;
        await DeliverReferralAsync(sent.Id);

        var outcome = await Changing(e => e.ChangeStatusAsync(Bystander, sent.Id, new StatusChangeRequest("accepted"), default));

        Assert.Equal(ErrorKind.NotFound, outcome.Error);
        Assert.DoesNotContain(Sender, outcome.Message);
        Assert.DoesNotContain(Recipient, outcome.Message);
        Assert.Equal("requested", (await SentAsync(sent.Id)).Status.Code());
        Assert.Equal("requested", (await ReceivedAsync(sent.Id)).Status.Code());
    }

    [Fact]
    public async Task Answers_conflict_naming_the_allowed_next_statuses()
    {
        var survivor = await RegisterAsync();
        var sent = (await SendAsync(survivor.Id)).Value!;
        await DeliverReferralAsync(sent.Id);
        var rowsBefore = (await OutboxAsync()).Count;

        var senderAccepting = await Changing(e => e.ChangeStatusAsync(Sender, sent.Id, new StatusChangeRequest("accepted"), default));
        var recipientCompleting = await Changing(e => e.ChangeStatusAsync(Recipient, sent.Id, new StatusChangeRequest("completed"), default));

        Assert.Equal(ErrorKind.Conflict, senderAccepting.Error);
        Assert.Contains("'requested'", senderAccepting.Message);
        Assert.Contains("cancelled", senderAccepting.Message);
        Assert.Contains("entered-in-error", senderAccepting.Message);
        Assert.Equal(ErrorKind.Conflict, recipientCompleting.Error);
        Assert.Contains("'requested'", recipientCompleting.Message);
        Assert.Contains("accepted", recipientCompleting.Message);
        Assert.Contains("rejected", recipientCompleting.Message);
        Assert.Equal(rowsBefore, (await OutboxAsync()).Count);
    }

    [Fact]
    public async Task Answers_bad_request_for_a_missing_reason()
    {
        var survivor = await RegisterAsync();
        var sent = (await SendAsync(survivor.Id)).Value!;

        var outcome = await Changing(e => e.ChangeStatusAsync(Sender, sent.Id, new StatusChangeRequest("cancelled"), default));

        Assert.Equal(ErrorKind.Invalid, outcome.Error);
        Assert.Equal("requested", (await SentAsync(sent.Id)).Status.Code());
    }

    [Fact]
    public async Task Tells_the_other_side_of_every_status_change_on_its_own_queue()
    {
        var survivor = await RegisterAsync();
        var sent = (await SendAsync(survivor.Id)).Value!;
        await DeliverReferralAsync(sent.Id);

        var accepted = await Changing(e => e.ChangeStatusAsync(Recipient, sent.Id, new StatusChangeRequest("accepted"), default));
        Assert.True(accepted.Succeeded, accepted.Message);
        var toSender = await LastRowAsync<ReferralStatusChanged>();
        Assert.Equal(SenderQueue, toSender.Row.Destination);
        Assert.Equal((sent.Id, Recipient, "requested", "accepted"), (toSender.Message.ReferralId, toSender.Message.ByOrganisationId, toSender.Message.FromStatus, toSender.Message.ToStatus));

        await DeliverAsync<ReferralStatusChangedConsumer>(e => e.ApplyRemoteStatusAsync(toSender.Message, default));
        Assert.Equal("accepted", (await SentAsync(sent.Id)).Status.Code());

        var cancelled = await Changing(e => e.ChangeStatusAsync(Sender, sent.Id, new StatusChangeRequest("cancelled", "served-elsewhere"), default));
        Assert.True(cancelled.Succeeded, cancelled.Message);
        var toRecipient = await LastRowAsync<ReferralStatusChanged>();
        Assert.Equal(RecipientQueue, toRecipient.Row.Destination);
        Assert.Equal((Sender, "accepted", "cancelled", "served-elsewhere"), (toRecipient.Message.ByOrganisationId, toRecipient.Message.FromStatus, toRecipient.Message.ToStatus, toRecipient.Message.Reason));

        await DeliverAsync<ReferralStatusChangedConsumer>(e => e.ApplyRemoteStatusAsync(toRecipient.Message, default));
        var theirs = await ReceivedAsync(sent.Id);
        Assert.Equal(("cancelled", "served-elsewhere"), (theirs.Status.Code(), theirs.StatusReason));
    }

    [Fact]
    public async Task Applies_the_other_sides_changes_only_in_order_and_only_from_a_party()
    {
        var survivor = await RegisterAsync();
        var sent = (await SendAsync(survivor.Id)).Value!;
        var now = DateTimeOffset.UtcNow;

        // Ahead of the referral itself: fails, so the broker's retry can find it once it has arrived.
        await Assert.ThrowsAsync<InvalidOperationException>(() => DeliverAsync<ReferralStatusChangedConsumer>(e =>
            e.ApplyRemoteStatusAsync(new ReferralStatusChanged(sent.Id, Sender, "requested", "cancelled", "no-longer-needed", null, now), default)));

        await DeliverReferralAsync(sent.Id);
        // Ahead of an earlier change (in-progress before accepted): fails and is retried.
        await Assert.ThrowsAsync<InvalidOperationException>(() => DeliverAsync<ReferralStatusChangedConsumer>(e =>
            e.ApplyRemoteStatusAsync(new ReferralStatusChanged(sent.Id, Recipient, "accepted", "in-progress", null, null, now), default)));
        // From an organisation that is no party to the referral: refused.
        await Assert.ThrowsAsync<InvalidOperationException>(() => DeliverAsync<ReferralStatusChangedConsumer>(e =>
            e.ApplyRemoteStatusAsync(new ReferralStatusChanged(sent.Id, "valley-health", "requested", "accepted", null, null, now), default)));
        Assert.Equal("requested", (await SentAsync(sent.Id)).Status.Code());

        var accepted = new ReferralStatusChanged(sent.Id, Recipient, "requested", "accepted", null, null, now);
        await DeliverAsync<ReferralStatusChangedConsumer>(e => e.ApplyRemoteStatusAsync(accepted, default));
        await DeliverAsync<ReferralStatusChangedConsumer>(e => e.ApplyRemoteStatusAsync(accepted, default)); // a copy under a new id changes nothing
        Assert.Equal("accepted", (await SentAsync(sent.Id)).Status.Code());
        Assert.Equal(1, await Db(db => db.Set<AuditEntry>().CountAsync(a => a.ReferralId == sent.Id && a.OrganisationId == Sender && a.ToStatus == "accepted")));
    }

    [Fact]
    public async Task Purges_the_recipients_copy_of_a_referral_entered_in_error()
    {
        var survivor = await RegisterAsync();
        await ConsentAsync(survivor.Id, Recipient, AllCategories);
        var sent = (await SendAsync(survivor.Id, share: ["identity", "contact"])).Value!;
        await DeliverReferralAsync(sent.Id);
        Assert.Equal(survivor.Canaries.GivenName, (await ReceivedAsync(sent.Id)).Profile.GivenName);

        var inError = await Changing(e => e.ChangeStatusAsync(Sender, sent.Id, new StatusChangeRequest("entered-in-error"), default));
        Assert.True(inError.Succeeded, inError.Message);
        await DeliverAsync<ReferralStatusChangedConsumer>(async e => await e.ApplyRemoteStatusAsync(await LastMessageAsync<ReferralStatusChanged>(), default));

        var theirs = await ReceivedAsync(sent.Id);
        Assert.Equal(("entered-in-error", SurvivorProfile.Redacted, SurvivorProfile.Redacted), (theirs.Status.Code(), theirs.Profile.GivenName, theirs.Profile.Phone));
        Assert.NotNull(theirs.PurgedAt);
    }

    [Fact]
    public async Task Records_who_declined_a_rejection_and_tells_the_sender()
    {
        var survivor = await RegisterAsync();
        var sent = (await SendAsync(survivor.Id)).Value!;
        await DeliverReferralAsync(sent.Id);

        var outcome = await Changing(e => e.ChangeStatusAsync(Recipient, sent.Id, new StatusChangeRequest("rejected", "client-declined", "client"), default));

        Assert.True(outcome.Succeeded, outcome.Message);
        var message = (await LastRowAsync<ReferralStatusChanged>()).Message;
        Assert.Equal(("rejected", "client-declined", "client"), (message.ToStatus, message.Reason, message.DeclinedBy));
        var stored = await ReceivedAsync(sent.Id);
        Assert.Equal(("rejected", "client-declined", "client"), (stored.Status.Code(), stored.StatusReason, stored.DeclinedBy));
    }
}
