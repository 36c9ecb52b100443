using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReferralNet.Referrals.Consent;
using ReferralNet.Messaging.Data;
using ReferralNet.ServiceDefaults;
using ReferralNet.ServiceDefaults.Identity;
using ReferralNet.Referrals;
using ReferralNet.ServiceDefaults.Seeds;
using ReferralNet.Referrals.Survivors;
using ReferralNet.BuildingBlocks.Tests.Support;
using ReferralNet.Contracts.Referrals;

namespace ReferralNet.BuildingBlocks.Tests.Referrals;

/// <summary>
/// The referral engine in-process on a SQLite file of its own. Sender and recipient records live in
/// one database here (they are keyed by organisation), and a message "travels" by reading its
/// outbox row and handing it to the receiving call, as the consumers do.
/// </summary>
public sealed class Referral_engine : IAsyncLifetime
{
    const string Sender = "justice-bridge";          // legal-aid
    const string Recipient = "harbour-house";        // shelter
    const string Bystander = "safe-haven";           // another shelter
    const string Bed = "bed:women";
    const string SenderQueue = "queue:legalaid-referrals";
    const string RecipientQueue = "queue:shelter-referrals";

    static readonly string[] AllCategories = ["identity", "contact", "health", "legal-status", "case-notes"];

    readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    readonly string folder = Directory.CreateTempSubdirectory("referralnet-engine-").FullName;
    ServiceProvider services = null!;

    public async ValueTask InitializeAsync()
    {
        var collection = new ServiceCollection();
        var path = Path.Combine(folder, "engine.db");
        collection.AddDbContext<TestDbContext>(db => db.UseSqlite(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()));
        collection.AddScoped<ReferralNetDbContext>(sp => sp.GetRequiredService<TestDbContext>());
        collection.AddSingleton(OrganisationDirectory.Load(new SeedFiles(Options.Create(new ReferralNetOptions())).Folder));
        collection.AddScoped<IReferralRecipient, NoRecipientEffects>();
        collection.AddSingleton<TimeProvider>(clock);
        collection.AddLogging();
        collection.AddScoped<ReferralEngine>();
        services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await Db(db => db.Database.EnsureCreatedAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    // ---- Consent recording ----

    [Fact]
    public async Task Refuses_verbal_consent_without_a_witness()
    {
        var survivor = await RegisterAsync();

        foreach (var witness in new[] { null, "", "   " })
        {
            var outcome = await Engine(e => e.RecordConsentAsync(Sender, survivor.Id, new ConsentRequest(Recipient, ["identity"], "verbal", witness), default));
            Assert.Equal(400, outcome.Status);
            Assert.Contains("witness", outcome.Message);
        }
        var witnessed = await Engine(e => e.RecordConsentAsync(Sender, survivor.Id, new ConsentRequest(Recipient, ["identity"], "verbal", "caseworker-7"), default));
        Assert.True(witnessed.Succeeded, witnessed.Message);
        Assert.Equal(1, await Db(db => db.Set<ConsentRecord>().CountAsync()));
    }

    [Fact]
    public async Task Lets_consent_last_90_days_unless_shorter_and_never_longer()
    {
        var survivor = await RegisterAsync();
        var now = clock.GetUtcNow();

        var byDefault = await ConsentAsync(survivor.Id, Recipient, "identity");
        Assert.Equal(now.AddDays(90), byDefault.ExpiresAt);

        var shorter = await Engine(e => e.RecordConsentAsync(Sender, survivor.Id, new ConsentRequest(Recipient, ["identity"], "written", ExpiresAt: now.AddDays(14)), default));
        Assert.True(shorter.Succeeded, shorter.Message);
        Assert.Equal(now.AddDays(14), shorter.Value!.ExpiresAt);

        var longest = await Engine(e => e.RecordConsentAsync(Sender, survivor.Id, new ConsentRequest(Recipient, ["identity"], "written", ExpiresAt: now.AddDays(90)), default));
        Assert.True(longest.Succeeded, longest.Message);

        var longer = await Engine(e => e.RecordConsentAsync(Sender, survivor.Id, new ConsentRequest(Recipient, ["identity"], "written", ExpiresAt: now.AddDays(90).AddMinutes(1)), default));
        Assert.Equal(400, longer.Status);
        Assert.Contains("at most 90 days", longer.Message);
    }

    [Fact]
    public async Task Refuses_consent_that_has_already_expired()
    {
        var survivor = await RegisterAsync();

        var outcome = await Engine(e => e.RecordConsentAsync(Sender, survivor.Id,
            new ConsentRequest(Recipient, ["identity"], "written", ExpiresAt: clock.GetUtcNow().AddMinutes(-1)), default));

        Assert.Equal(400, outcome.Status);
        Assert.Contains("expiresAt is already past", outcome.Message);
    }

    [Theory]
    [InlineData("nowhere", "there is no organisation 'nowhere'")]
    [InlineData(Sender, "cannot refer to itself")]
    [InlineData("network-ops", "operates the network")]
    public async Task Refuses_consent_for_a_recipient_that_cannot_receive_referrals(string recipient, string expected)
    {
        var survivor = await RegisterAsync();

        var outcome = await Engine(e => e.RecordConsentAsync(Sender, survivor.Id, new ConsentRequest(recipient, ["identity"], "written"), default));

        Assert.Equal(400, outcome.Status);
        Assert.Contains(expected, outcome.Message);
        Assert.Equal(0, await Db(db => db.Set<ConsentRecord>().CountAsync()));
    }

    [Fact]
    public async Task Refuses_consent_for_an_unknown_category()
    {
        var survivor = await RegisterAsync();

        var outcome = await Engine(e => e.RecordConsentAsync(Sender, survivor.Id, new ConsentRequest(Recipient, ["identity", "finances"], "written"), default));

        Assert.Equal(400, outcome.Status);
        Assert.Contains("'finances' is not a data category", outcome.Message);
    }

    [Fact]
    public async Task Refuses_consent_for_another_organisations_survivor()
    {
        var survivor = await RegisterAsync();

        var outcome = await Engine(e => e.RecordConsentAsync(Bystander, survivor.Id, new ConsentRequest(Recipient, ["identity"], "written"), default));

        Assert.Equal(404, outcome.Status);
    }

    // ---- Sending ----

    [Fact]
    public async Task Refuses_a_share_the_consent_does_not_cover_and_stores_nothing()
    {
        var survivor = await RegisterAsync();
        await ConsentAsync(survivor.Id, Recipient, "identity");

        var outcome = await SendAsync(survivor.Id, share: ["identity", "health"]);

        Assert.Equal(403, outcome.Status);
        Assert.Contains("'health'", outcome.Message);
        Assert.Contains($"'{Recipient}'", outcome.Message);
        await AssertNothingSentAsync();
    }

    [Fact]
    public async Task Refuses_a_share_when_the_only_consent_is_for_another_recipient_and_stores_nothing()
    {
        var survivor = await RegisterAsync();
        await ConsentAsync(survivor.Id, Bystander, AllCategories);

        var outcome = await SendAsync(survivor.Id, share: ["contact"]);

        Assert.Equal(403, outcome.Status);
        Assert.Contains("'contact'", outcome.Message);
        Assert.Contains($"'{Recipient}'", outcome.Message);
        await AssertNothingSentAsync();
    }

    [Fact]
    public async Task Sends_a_referral_without_consent_that_carries_no_personal_data_but_its_needs()
    {
        var survivor = await RegisterAsync();

        var outcome = await SendAsync(survivor.Id);

        Assert.True(outcome.Succeeded, outcome.Message);
        var rows = await OutboxAsync();
        var row = Assert.Single(rows);
        Assert.Equal(typeof(ReferralRequested).FullName, row.MessageType);
        Assert.Equal(RecipientQueue, row.Destination);
        AssertHoldsNone(row.Body, survivor.Canaries.All);
        var message = JsonSerializer.Deserialize<ReferralRequested>(row.Body, ReferralNetDbContext.MessageJson)!;
        Assert.Null(message.Profile);
        Assert.Null(message.ConsentId);
        Assert.Empty(message.SharedCategories);
        Assert.Equal(new[] { "ti", "ar" }, message.Needs.Languages);
        Assert.Equal(2, message.Needs.Dependants);
        Assert.True(message.Needs.AccessibilityNeeded);
        Assert.Equal(0, await Db(db => db.Set<Disclosure>().CountAsync()));
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("contact")]
    [InlineData("health")]
    [InlineData("legal-status")]
    [InlineData("case-notes")]
    [InlineData("identity", "contact")]
    [InlineData("identity", "legal-status", "case-notes")]
    [InlineData("identity", "contact", "health", "legal-status", "case-notes")]
    public async Task Sends_exactly_the_personal_data_of_the_shared_categories(params string[] share)
    {
        var survivor = await RegisterAsync();
        var consent = await ConsentAsync(survivor.Id, Recipient, AllCategories);
        var note = share.Contains("case-notes") ? survivor.Canaries.Note : null;

        var outcome = await SendAsync(survivor.Id, share: share, note: note);

        Assert.True(outcome.Succeeded, outcome.Message);
        var row = Assert.Single(await OutboxAsync());
        var shared = share.SelectMany(survivor.Canaries.Of).ToList();
        Assert.All(shared, canary => Assert.Contains(canary, row.Body));
        AssertHoldsNone(row.Body, survivor.Canaries.All.Except(shared));
        var message = JsonSerializer.Deserialize<ReferralRequested>(row.Body, ReferralNetDbContext.MessageJson)!;
        Assert.Equal(consent.Id, message.ConsentId);
        Assert.Equal(share.Order(), message.SharedCategories.Order());

        var disclosure = Assert.Single(await Db(db => db.Set<Disclosure>().ToListAsync()));
        Assert.Equal((consent.Id, Recipient, outcome.Value!.Id), (disclosure.ConsentId, disclosure.RecipientOrganisationId, disclosure.ReferralId));
        Assert.Equal(share.Order(), disclosure.Categories.Order());
    }

    [Fact]
    public async Task Refuses_a_service_the_recipient_does_not_offer_listing_what_it_offers()
    {
        var survivor = await RegisterAsync();

        var outcome = await SendAsync(survivor.Id, service: "bed:family");

        Assert.Equal(400, outcome.Status);
        Assert.Contains("does not offer 'bed:family'", outcome.Message);
        foreach (var offered in new[] { "bed:women", "bed:men", "bed:youth", "bed:accessible" })
            Assert.Contains(offered, outcome.Message);
        await AssertNothingSentAsync();
    }

    [Fact]
    public async Task Refuses_a_note_without_consent_to_share_case_notes()
    {
        var survivor = await RegisterAsync();

        var outcome = await SendAsync(survivor.Id, note: survivor.Canaries.Note);

        Assert.Equal(403, outcome.Status);
        Assert.Contains("case-notes", outcome.Message);
        Assert.Contains($"'{Recipient}'", outcome.Message);
        await AssertNothingSentAsync();
    }

    [Fact]
    public async Task Refuses_a_note_beside_shared_categories_that_leave_out_case_notes()
    {
        // A note is case notes: sharing identity alone must not quietly drop it or store it unsent.
        var survivor = await RegisterAsync();
        await ConsentAsync(survivor.Id, Recipient, AllCategories);

        var outcome = await SendAsync(survivor.Id, share: ["identity"], note: survivor.Canaries.Note);

        Assert.Equal(403, outcome.Status);
        Assert.Contains("case-notes", outcome.Message);
        await AssertNothingSentAsync();
    }

    [Fact]
    public async Task Refuses_to_share_an_unknown_category_as_a_bad_request()
    {
        var survivor = await RegisterAsync();
        await ConsentAsync(survivor.Id, Recipient, AllCategories);

        var outcome = await SendAsync(survivor.Id, share: ["identity", "finances"]);

        Assert.Equal(400, outcome.Status);
        Assert.Contains("'finances' is not a data category", outcome.Message);
        await AssertNothingSentAsync();
    }

    [Fact]
    public async Task Refuses_an_unknown_priority() =>
        Assert.Equal(400, (await SendAsync((await RegisterAsync()).Id, priority: "whenever")).Status);

    // ---- Receiving ----

    [Fact]
    public async Task Stores_no_personal_data_of_a_message_without_a_consent_reference()
    {
        var canaries = new Canaries();
        var message = Crafted(canaries, consentId: null, shared: AllCategories);

        await DeliverAsync(e => e.ReceiveAsync(message, default));

        var stored = await ReceivedAsync(message.ReferralId);
        Assert.Empty(stored.SharedCategories);
        AssertNoPersonalData(stored);
        Assert.Equal(message.Needs.Languages, stored.NeedLanguages);
        Assert.Equal(message.Needs.Dependants, stored.NeedDependants);
        Assert.Equal(Bed, stored.Service);
    }

    [Fact]
    public async Task Drops_the_fields_of_categories_that_were_not_shared()
    {
        var canaries = new Canaries();
        var message = Crafted(canaries, consentId: "c-crafted", shared: ["contact", "not-a-category"]);

        await DeliverAsync(e => e.ReceiveAsync(message, default));

        var stored = await ReceivedAsync(message.ReferralId);
        Assert.Equal(new[] { "contact" }, stored.SharedCategories);
        Assert.Equal((canaries.Phone, canaries.Email), (stored.Phone, stored.Email));
        Assert.Null(stored.GivenName);
        Assert.Null(stored.FamilyName);
        Assert.Null(stored.DateOfBirth);
        Assert.Null(stored.Gender);
        Assert.Null(stored.HealthNotes);
        Assert.Null(stored.LegalStatusNotes);
        Assert.Null(stored.CaseNotes);
        Assert.Null(stored.Note);
        AssertHoldsNone(JsonSerializer.Serialize(stored), canaries.All.Except([canaries.Phone, canaries.Email]));
    }

    [Fact]
    public async Task Ignores_a_referral_that_arrives_twice()
    {
        var message = Crafted(new Canaries(), consentId: null, shared: []);

        await DeliverAsync(e => e.ReceiveAsync(message, default));
        clock.Advance(TimeSpan.FromMinutes(3));
        await DeliverAsync(e => e.ReceiveAsync(message with { Priority = "asap" }, default));

        var stored = await ReceivedAsync(message.ReferralId);
        Assert.Equal("routine", stored.Priority);
        Assert.Equal(1, await Db(db => db.Set<AuditEntry>().CountAsync(a => a.ReferralId == message.ReferralId)));
        var receipt = Assert.Single(await OutboxAsync());
        Assert.Equal(typeof(ReferralReceived).FullName, receipt.MessageType);
        Assert.Equal(SenderQueue, receipt.Destination);
    }

    [Fact]
    public async Task Shows_the_sender_when_its_referral_was_received()
    {
        var survivor = await RegisterAsync();
        var sent = (await SendAsync(survivor.Id)).Value!;
        clock.Advance(TimeSpan.FromSeconds(5));
        var receivedAt = clock.GetUtcNow();

        await DeliverReferralAsync(sent.Id);
        var receipt = await LastMessageAsync<ReferralReceived>();
        await DeliverAsync(e => e.ConfirmReceiptAsync(receipt, default));

        var mine = await SentAsync(sent.Id);
        Assert.Equal(receivedAt, mine.ReceivedAt);
        Assert.Equal(receivedAt, (await ReceivedAsync(sent.Id)).ReceivedAt);
    }

    // ---- Status changes ----

    [Fact]
    public async Task Answers_not_found_for_another_organisations_referral()
    {
        var survivor = await RegisterAsync();
        var sent = (await SendAsync(survivor.Id)).Value!;
        await DeliverReferralAsync(sent.Id);

        var outcome = await Engine(e => e.ChangeStatusAsync(Bystander, sent.Id, new StatusChangeRequest("accepted"), default));

        Assert.Equal(404, outcome.Status);
        Assert.DoesNotContain(Sender, outcome.Message);
        Assert.DoesNotContain(Recipient, outcome.Message);
        Assert.Equal("requested", (await SentAsync(sent.Id)).Status);
        Assert.Equal("requested", (await ReceivedAsync(sent.Id)).Status);
    }

    [Fact]
    public async Task Answers_conflict_naming_the_allowed_next_statuses()
    {
        var survivor = await RegisterAsync();
        var sent = (await SendAsync(survivor.Id)).Value!;
        await DeliverReferralAsync(sent.Id);
        var rowsBefore = (await OutboxAsync()).Count;

        var senderAccepting = await Engine(e => e.ChangeStatusAsync(Sender, sent.Id, new StatusChangeRequest("accepted"), default));
        var recipientCompleting = await Engine(e => e.ChangeStatusAsync(Recipient, sent.Id, new StatusChangeRequest("completed"), default));

        Assert.Equal(409, senderAccepting.Status);
        Assert.Contains("'requested'", senderAccepting.Message);
        Assert.Contains("cancelled", senderAccepting.Message);
        Assert.Contains("entered-in-error", senderAccepting.Message);
        Assert.Equal(409, recipientCompleting.Status);
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

        var outcome = await Engine(e => e.ChangeStatusAsync(Sender, sent.Id, new StatusChangeRequest("cancelled"), default));

        Assert.Equal(400, outcome.Status);
        Assert.Equal("requested", (await SentAsync(sent.Id)).Status);
    }

    [Fact]
    public async Task Tells_the_other_side_of_every_status_change_on_its_own_queue()
    {
        var survivor = await RegisterAsync();
        var sent = (await SendAsync(survivor.Id)).Value!;
        await DeliverReferralAsync(sent.Id);

        var accepted = await Engine(e => e.ChangeStatusAsync(Recipient, sent.Id, new StatusChangeRequest("accepted"), default));
        Assert.True(accepted.Succeeded, accepted.Message);
        var toSender = await LastRowAsync<ReferralStatusChanged>();
        Assert.Equal(SenderQueue, toSender.Row.Destination);
        Assert.Equal((sent.Id, Recipient, "requested", "accepted"), (toSender.Message.ReferralId, toSender.Message.ByOrganisationId, toSender.Message.FromStatus, toSender.Message.ToStatus));

        await DeliverAsync(e => e.ApplyRemoteStatusAsync(toSender.Message, default));
        Assert.Equal("accepted", (await SentAsync(sent.Id)).Status);

        var cancelled = await Engine(e => e.ChangeStatusAsync(Sender, sent.Id, new StatusChangeRequest("cancelled", "served-elsewhere"), default));
        Assert.True(cancelled.Succeeded, cancelled.Message);
        var toRecipient = await LastRowAsync<ReferralStatusChanged>();
        Assert.Equal(RecipientQueue, toRecipient.Row.Destination);
        Assert.Equal((Sender, "accepted", "cancelled", "served-elsewhere"), (toRecipient.Message.ByOrganisationId, toRecipient.Message.FromStatus, toRecipient.Message.ToStatus, toRecipient.Message.Reason));

        await DeliverAsync(e => e.ApplyRemoteStatusAsync(toRecipient.Message, default));
        var theirs = await ReceivedAsync(sent.Id);
        Assert.Equal(("cancelled", "served-elsewhere"), (theirs.Status, theirs.StatusReason));
    }

    [Fact]
    public async Task Applies_the_other_sides_changes_only_in_order_and_only_from_a_party()
    {
        var survivor = await RegisterAsync();
        var sent = (await SendAsync(survivor.Id)).Value!;
        var now = DateTimeOffset.UtcNow;

        // Ahead of the referral itself: fails, so the broker's retry can find it once it has arrived.
        await Assert.ThrowsAsync<InvalidOperationException>(() => DeliverAsync(e =>
            e.ApplyRemoteStatusAsync(new ReferralStatusChanged(sent.Id, Sender, "requested", "cancelled", "no-longer-needed", null, now), default)));

        await DeliverReferralAsync(sent.Id);
        // Ahead of an earlier change (in-progress before accepted): fails and is retried.
        await Assert.ThrowsAsync<InvalidOperationException>(() => DeliverAsync(e =>
            e.ApplyRemoteStatusAsync(new ReferralStatusChanged(sent.Id, Recipient, "accepted", "in-progress", null, null, now), default)));
        // From an organisation that is no party to the referral: refused.
        await Assert.ThrowsAsync<InvalidOperationException>(() => DeliverAsync(e =>
            e.ApplyRemoteStatusAsync(new ReferralStatusChanged(sent.Id, "valley-health", "requested", "accepted", null, null, now), default)));
        Assert.Equal("requested", (await SentAsync(sent.Id)).Status);

        var accepted = new ReferralStatusChanged(sent.Id, Recipient, "requested", "accepted", null, null, now);
        await DeliverAsync(e => e.ApplyRemoteStatusAsync(accepted, default));
        await DeliverAsync(e => e.ApplyRemoteStatusAsync(accepted, default)); // a copy under a new id changes nothing
        Assert.Equal("accepted", (await SentAsync(sent.Id)).Status);
        Assert.Equal(1, await Db(db => db.Set<AuditEntry>().CountAsync(a => a.ReferralId == sent.Id && a.OrganisationId == Sender && a.ToStatus == "accepted")));
    }

    [Fact]
    public async Task Purges_the_recipients_copy_of_a_referral_entered_in_error()
    {
        var survivor = await RegisterAsync();
        await ConsentAsync(survivor.Id, Recipient, AllCategories);
        var sent = (await SendAsync(survivor.Id, share: ["identity", "contact"])).Value!;
        await DeliverReferralAsync(sent.Id);
        Assert.Equal(survivor.Canaries.GivenName, (await ReceivedAsync(sent.Id)).GivenName);

        var inError = await Engine(e => e.ChangeStatusAsync(Sender, sent.Id, new StatusChangeRequest("entered-in-error"), default));
        Assert.True(inError.Succeeded, inError.Message);
        await DeliverAsync(async e => await e.ApplyRemoteStatusAsync(await LastMessageAsync<ReferralStatusChanged>(), default));

        var theirs = await ReceivedAsync(sent.Id);
        Assert.Equal(("entered-in-error", ReferralEngine.Redacted, ReferralEngine.Redacted), (theirs.Status, theirs.GivenName, theirs.Phone));
        Assert.NotNull(theirs.PurgedAt);
    }

    [Fact]
    public async Task Records_who_declined_a_rejection_and_tells_the_sender()
    {
        var survivor = await RegisterAsync();
        var sent = (await SendAsync(survivor.Id)).Value!;
        await DeliverReferralAsync(sent.Id);

        var outcome = await Engine(e => e.ChangeStatusAsync(Recipient, sent.Id, new StatusChangeRequest("rejected", "client-declined", "client"), default));

        Assert.True(outcome.Succeeded, outcome.Message);
        var message = (await LastRowAsync<ReferralStatusChanged>()).Message;
        Assert.Equal(("rejected", "client-declined", "client"), (message.ToStatus, message.Reason, message.DeclinedBy));
        var stored = await ReceivedAsync(sent.Id);
        Assert.Equal(("rejected", "client-declined", "client"), (stored.Status, stored.StatusReason, stored.DeclinedBy));
    }

    // ---- Overdue ----

    [Theory]
    [InlineData("asap", 2)]
    [InlineData("urgent", 24)]
    [InlineData("routine", 120)]
    public async Task Marks_an_unanswered_referral_overdue_on_both_sides_after_its_deadline(string priority, int hours)
    {
        var survivor = await RegisterAsync();
        var sentAt = clock.GetUtcNow();
        var sent = (await SendAsync(survivor.Id, priority: priority)).Value!;
        await DeliverReferralAsync(sent.Id);
        Assert.Equal(sentAt.AddHours(hours), sent.DueAt);

        clock.SetUtcNow(sentAt.AddHours(hours).AddMinutes(-1));
        Assert.False(ReferralView.Of(await SentAsync(sent.Id), clock.GetUtcNow()).Overdue);
        Assert.False(ReferralView.Of(await ReceivedAsync(sent.Id), clock.GetUtcNow()).Overdue);

        clock.SetUtcNow(sentAt.AddHours(hours).AddMinutes(1));
        Assert.True(ReferralView.Of(await SentAsync(sent.Id), clock.GetUtcNow()).Overdue);
        Assert.True(ReferralView.Of(await ReceivedAsync(sent.Id), clock.GetUtcNow()).Overdue);
    }

    [Fact]
    public async Task Does_not_mark_an_accepted_referral_overdue()
    {
        var survivor = await RegisterAsync();
        var sent = (await SendAsync(survivor.Id, priority: "asap")).Value!;
        await DeliverReferralAsync(sent.Id);
        clock.Advance(TimeSpan.FromMinutes(30));
        await Engine(e => e.ChangeStatusAsync(Recipient, sent.Id, new StatusChangeRequest("accepted"), default));
        await DeliverAsync(async e => await e.ApplyRemoteStatusAsync((await LastMessageAsync<ReferralStatusChanged>()), default));

        clock.Advance(TimeSpan.FromDays(3));

        Assert.False(ReferralView.Of(await SentAsync(sent.Id), clock.GetUtcNow()).Overdue);
        Assert.False(ReferralView.Of(await ReceivedAsync(sent.Id), clock.GetUtcNow()).Overdue);
    }

    // ---- Lists for the portal ----

    [Fact]
    public async Task Lists_only_the_organisations_own_survivors_newest_first()
    {
        var older = await RegisterAsync();
        clock.Advance(TimeSpan.FromMinutes(1));
        var newer = await RegisterAsync();
        await Engine(e => e.RegisterSurvivorAsync(Bystander, new SurvivorRegistration(GivenName: "Not theirs"), default));

        var listed = await Engine(e => e.SurvivorsOfAsync(Sender, default));

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
        await Engine(e => e.RevokeAsync(Sender, first.Id, "survivor-request", default));

        var consents = await Engine(e => e.ConsentsOfAsync(Sender, survivor.Id, default));

        Assert.NotNull(consents);
        Assert.Equal([second.Id, first.Id], consents.Select(c => c.Id));
        Assert.Equal(("active", "revoked"), (consents[0].Status, consents[1].Status));
        var holder = Assert.Single(consents[1].Recipients);
        Assert.Equal((Recipient, false), (holder.OrganisationId, holder.PurgeConfirmed));
        Assert.Empty(consents[0].Recipients);
        Assert.Null(await Engine(e => e.ConsentsOfAsync(Bystander, survivor.Id, default)));
    }

    // ---- Revocation and expiry ----

    [Fact]
    public async Task Tells_the_recipient_to_purge_every_referral_under_a_revoked_consent_and_redacts_the_own_note()
    {
        var survivor = await RegisterAsync();
        var consent = await ConsentAsync(survivor.Id, Recipient, AllCategories);
        var first = (await SendAsync(survivor.Id, share: AllCategories, note: survivor.Canaries.Note)).Value!;
        var second = (await SendAsync(survivor.Id, share: ["identity"], service: "bed:youth")).Value!;
        clock.Advance(TimeSpan.FromHours(1));

        var revoked = await Engine(e => e.RevokeAsync(Sender, consent.Id, "survivor-request", default));

        Assert.True(revoked.Succeeded, revoked.Message);
        var withdrawn = await LastRowAsync<ConsentWithdrawn>();
        Assert.Equal(RecipientQueue, withdrawn.Row.Destination);
        Assert.Equal((consent.Id, Sender, Recipient, "revoked"), (withdrawn.Message.ConsentId, withdrawn.Message.FromOrganisationId, withdrawn.Message.RecipientOrganisationId, withdrawn.Message.Cause));
        Assert.Equal(new[] { first.Id, second.Id }.Order(), withdrawn.Message.ReferralIds.Order());
        AssertHoldsNone(withdrawn.Row.Body, survivor.Canaries.All);
        Assert.Equal(ReferralEngine.Redacted, (await SentAsync(first.Id)).Note);
        Assert.All(await Db(db => db.Set<Disclosure>().ToListAsync()), d => Assert.Equal(clock.GetUtcNow(), d.PurgeRequestedAt));

        var view = (await Engine(e => e.ConsentAsync(Sender, consent.Id, default))).Value!;
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
        Assert.True((await Engine(e => e.RevokeAsync(Sender, consent.Id, "survivor-request", default))).Succeeded);
        var rows = (await OutboxAsync()).Count;

        var again = await Engine(e => e.RevokeAsync(Sender, consent.Id, "other", default));

        Assert.Equal(409, again.Status);
        Assert.Contains("already revoked", again.Message);
        Assert.Equal(rows, (await OutboxAsync()).Count);
    }

    [Fact]
    public async Task Refuses_a_revocation_without_a_reason_code()
    {
        var survivor = await RegisterAsync();
        var consent = await ConsentAsync(survivor.Id, Recipient, "identity");

        Assert.Equal(400, (await Engine(e => e.RevokeAsync(Sender, consent.Id, null, default))).Status);
        Assert.Equal(400, (await Engine(e => e.RevokeAsync(Sender, consent.Id, "she asked us to", default))).Status);
        Assert.Equal(404, (await Engine(e => e.RevokeAsync(Bystander, consent.Id, "survivor-request", default))).Status);
        Assert.Equal("active", (await Engine(e => e.ConsentAsync(Sender, consent.Id, default))).Value!.Status);
    }

    [Fact]
    public async Task Refuses_new_disclosures_once_consent_is_revoked()
    {
        var survivor = await RegisterAsync();
        var consent = await ConsentAsync(survivor.Id, Recipient, "identity");
        await Engine(e => e.RevokeAsync(Sender, consent.Id, "survivor-request", default));

        var outcome = await SendAsync(survivor.Id, share: ["identity"]);

        Assert.Equal(403, outcome.Status);
        Assert.Contains("revoked", outcome.Message);
    }

    [Fact]
    public async Task Purges_every_personal_field_at_the_recipient_and_keeps_the_rest()
    {
        var survivor = await RegisterAsync();
        var consent = await ConsentAsync(survivor.Id, Recipient, AllCategories);
        var sent = (await SendAsync(survivor.Id, share: AllCategories, note: survivor.Canaries.Note, priority: "urgent")).Value!;
        await DeliverReferralAsync(sent.Id);
        await Engine(e => e.ChangeStatusAsync(Recipient, sent.Id, new StatusChangeRequest("accepted"), default));
        var before = await ReceivedAsync(sent.Id);
        Assert.Equal(survivor.Canaries.GivenName, before.GivenName);
        var auditBefore = await AuditAsync(Recipient, sent.Id);
        await Engine(e => e.RevokeAsync(Sender, consent.Id, "safety-concern", default));
        clock.Advance(TimeSpan.FromMinutes(2));

        await DeliverAsync(async e => await e.PurgeAsync(await LastMessageAsync<ConsentWithdrawn>(), default));

        var after = await ReceivedAsync(sent.Id);
        foreach (var value in new[] { after.GivenName, after.FamilyName, after.Gender, after.Phone, after.Email, after.HealthNotes, after.LegalStatusNotes, after.CaseNotes, after.Note })
            Assert.Equal(ReferralEngine.Redacted, value);
        Assert.Null(after.DateOfBirth);
        Assert.Equal(clock.GetUtcNow(), after.PurgedAt);
        AssertHoldsNone(JsonSerializer.Serialize(after), survivor.Canaries.All);
        Assert.Equal((before.Status, before.Service, before.Priority, before.FromOrganisationId, before.RequestedAt, before.DueAt, before.ReceivedAt, before.ConsentId),
            (after.Status, after.Service, after.Priority, after.FromOrganisationId, after.RequestedAt, after.DueAt, after.ReceivedAt, after.ConsentId));
        Assert.Equal(before.NeedLanguages, after.NeedLanguages);
        Assert.Equal(before.SharedCategories, after.SharedCategories);

        var auditAfter = await AuditAsync(Recipient, sent.Id);
        Assert.Equal(auditBefore.Select(a => (a.Id, a.Action, a.At, a.FromStatus, a.ToStatus)), auditAfter.Take(auditBefore.Count).Select(a => (a.Id, a.Action, a.At, a.FromStatus, a.ToStatus)));
        Assert.Equal(("purged", "revoked"), (auditAfter[^1].Action, auditAfter[^1].Reason));

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
        await Engine(e => e.RevokeAsync(Sender, consent.Id, "survivor-request", default));

        // The withdrawal overtakes the referral.
        await DeliverAsync(async e => await e.PurgeAsync(await LastMessageAsync<ConsentWithdrawn>(), default));
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
        await Engine(e => e.RevokeAsync(Sender, consent.Id, "survivor-request", default));
        await DeliverAsync(async e => await e.PurgeAsync(await LastMessageAsync<ConsentWithdrawn>(), default));
        var purgedAt = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromSeconds(30));

        await DeliverAsync(async e => await e.ConfirmPurgeAsync(await LastMessageAsync<PersonalDataPurged>(), default));

        var disclosure = Assert.Single(await Db(db => db.Set<Disclosure>().ToListAsync()));
        Assert.Equal(purgedAt, disclosure.PurgeConfirmedAt);
        var view = (await Engine(e => e.ConsentAsync(Sender, consent.Id, default))).Value!;
        var holder = Assert.Single(view.Recipients);
        Assert.Equal((Recipient, true, (DateTimeOffset?)purgedAt), (holder.OrganisationId, holder.PurgeConfirmed, holder.PurgeConfirmedAt));
        Assert.Equal(new[] { sent.Id }, holder.ReferralIds);
        Assert.Contains(await AuditAsync(Sender, sent.Id), a => a.Action == "purge-confirmed" && a.ActorOrganisationId == Recipient);
    }

    [Fact]
    public async Task Redacts_a_received_copy_when_its_consent_expires_without_waiting_for_the_origin()
    {
        var survivor = await RegisterAsync();
        await Engine(e => e.RecordConsentAsync(Sender, survivor.Id,
            new ConsentRequest(Recipient, ["identity", "contact"], "written", null, clock.GetUtcNow().AddDays(3)), default));
        var sent = (await SendAsync(survivor.Id, share: ["identity", "contact"])).Value!;
        await DeliverReferralAsync(sent.Id);

        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, await Engine(e => e.RedactExpiredCopiesAsync(default)));
        Assert.Equal(survivor.Canaries.GivenName, (await ReceivedAsync(sent.Id)).GivenName);

        // The origin is silent (down, say): the recipient's own copy goes anyway.
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await Engine(e => e.RedactExpiredCopiesAsync(default)));
        var theirs = await ReceivedAsync(sent.Id);
        Assert.Equal((ReferralEngine.Redacted, ReferralEngine.Redacted, (DateOnly?)null), (theirs.GivenName, theirs.Phone, theirs.DateOfBirth));
        Assert.NotNull(theirs.PurgedAt);
        Assert.Equal(0, await Engine(e => e.RedactExpiredCopiesAsync(default)));
        Assert.Single(await AuditAsync(Recipient, sent.Id), a => a.Action == "purged" && a.Reason == "expired");
    }

    [Fact]
    public async Task Treats_an_expired_consent_like_a_revoked_one()
    {
        var survivor = await RegisterAsync();
        var consent = await Engine(e => e.RecordConsentAsync(Sender, survivor.Id,
            new ConsentRequest(Recipient, ["identity", "case-notes"], "verbal", "caseworker-2", clock.GetUtcNow().AddDays(7)), default));
        var sent = (await SendAsync(survivor.Id, share: ["identity", "case-notes"], note: survivor.Canaries.Note)).Value!;
        await DeliverReferralAsync(sent.Id);

        clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(0, await Engine(e => e.ExpireConsentsAsync(default)));
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await Engine(e => e.ExpireConsentsAsync(default)));
        Assert.Equal(0, await Engine(e => e.ExpireConsentsAsync(default)));

        var withdrawn = await LastRowAsync<ConsentWithdrawn>();
        Assert.Equal(RecipientQueue, withdrawn.Row.Destination);
        Assert.Equal((consent.Value!.Id, "expired"), (withdrawn.Message.ConsentId, withdrawn.Message.Cause));
        Assert.Equal(new[] { sent.Id }, withdrawn.Message.ReferralIds);
        Assert.Equal(1, (await OutboxAsync()).Count(r => r.MessageType == typeof(ConsentWithdrawn).FullName));
        Assert.Equal(ReferralEngine.Redacted, (await SentAsync(sent.Id)).Note);
        Assert.Equal("expired", (await Engine(e => e.ConsentAsync(Sender, consent.Value!.Id, default))).Value!.Status);
        Assert.Equal(403, (await SendAsync(survivor.Id, share: ["identity"])).Status);

        await DeliverAsync(async e => await e.PurgeAsync(withdrawn.Message, default));
        Assert.Equal(ReferralEngine.Redacted, (await ReceivedAsync(sent.Id)).GivenName);
    }

    // ---- Audit ----

    [Fact]
    public async Task Keeps_every_transition_and_disclosure_in_an_audit_trail_without_personal_data()
    {
        var survivor = await RegisterAsync();
        var consent = await ConsentAsync(survivor.Id, Recipient, AllCategories);
        var sent = (await SendAsync(survivor.Id, share: AllCategories, note: survivor.Canaries.Note)).Value!;
        var t0 = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromMinutes(1));
        await DeliverReferralAsync(sent.Id);
        await DeliverAsync(async e => await e.ConfirmReceiptAsync(await LastMessageAsync<ReferralReceived>(), default));
        clock.Advance(TimeSpan.FromMinutes(1));
        await Step(Recipient, "accepted");
        clock.Advance(TimeSpan.FromMinutes(1));
        await Step(Recipient, "in-progress");
        clock.Advance(TimeSpan.FromMinutes(1));
        await Step(Recipient, "on-hold", "awaiting-documents");
        clock.Advance(TimeSpan.FromMinutes(1));
        await Step(Sender, "cancelled", "safety-concern");
        clock.Advance(TimeSpan.FromMinutes(1));
        await Engine(e => e.RevokeAsync(Sender, consent.Id, "safety-concern", default));
        await DeliverAsync(async e => await e.PurgeAsync(await LastMessageAsync<ConsentWithdrawn>(), default));
        await DeliverAsync(async e => await e.ConfirmPurgeAsync(await LastMessageAsync<PersonalDataPurged>(), default));

        var mine = await AuditAsync(Sender, sent.Id);
        var theirs = await AuditAsync(Recipient, sent.Id);

        Assert.Equal(
            new[] { "created", "disclosed", "receipt-confirmed", "status-changed", "status-changed", "status-changed", "status-changed", "purge-requested", "purge-confirmed" },
            mine.Select(a => a.Action));
        Assert.Equal(
            new[] { "received", "status-changed", "status-changed", "status-changed", "status-changed", "purged" },
            theirs.Select(a => a.Action));
        var expectedChanges = new (string Actor, string From, string To, string? Reason, DateTimeOffset At)[]
        {
            (Recipient, "requested", "accepted", null, t0.AddMinutes(2)),
            (Recipient, "accepted", "in-progress", null, t0.AddMinutes(3)),
            (Recipient, "in-progress", "on-hold", "awaiting-documents", t0.AddMinutes(4)),
            (Sender, "on-hold", "cancelled", "safety-concern", t0.AddMinutes(5)),
        };
        foreach (var trail in new[] { mine, theirs })
            Assert.Equal(expectedChanges, trail.Where(a => a.Action == "status-changed").Select(a => (a.ActorOrganisationId, a.FromStatus!, a.ToStatus!, a.Reason, a.At)));

        var disclosed = Assert.Single(mine, a => a.Action == "disclosed");
        Assert.Equal((Sender, t0), (disclosed.ActorOrganisationId, disclosed.At));
        Assert.Equal(AllCategories.Order(), disclosed.Categories.Order());
        Assert.Equal(AllCategories.Order(), theirs[0].Categories.Order());
        Assert.Equal(Sender, theirs[0].ActorOrganisationId);

        var everything = JsonSerializer.Serialize(await Db(db => db.Set<AuditEntry>().ToListAsync()));
        AssertHoldsNone(everything, survivor.Canaries.All);
    }

    async Task Step(string organisationId, string status, string? reason = null)
    {
        var outcome = await Engine(e => e.ChangeStatusAsync(organisationId, currentReferral!, new StatusChangeRequest(status, reason), default));
        Assert.True(outcome.Succeeded, outcome.Message);
        await DeliverAsync(async e => await e.ApplyRemoteStatusAsync(await LastMessageAsync<ReferralStatusChanged>(), default));
    }

    // ---- Helpers ----

    string? currentReferral;

    sealed record RegisteredSurvivor(string Id, Canaries Canaries);

    /// <summary>A unique value in every personal field of a survivor, to look for where it must not be.</summary>
    sealed class Canaries
    {
        readonly string tag = Guid.NewGuid().ToString("N")[..10];
        public string GivenName => $"given-{tag}";
        public string FamilyName => $"family-{tag}";
        public DateOnly DateOfBirth { get; } = new(1950 + Random.Shared.Next(50), 1 + Random.Shared.Next(12), 1 + Random.Shared.Next(28));
        public string Gender => $"gender-{tag}";
        public string Phone => $"phone-{tag}";
        public string Email => $"email-{tag}@example.org";
        public string HealthNotes => $"health-{tag}";
        public string LegalStatusNotes => $"legal-{tag}";
        public string CaseNotes => $"case-{tag}";
        public string Note => $"note-{tag}";
        public string Need => $"need-{tag}";

        public IEnumerable<string> Of(string category) => category switch
        {
            "identity" => [GivenName, FamilyName, Gender, DateOfBirth.ToString("yyyy-MM-dd")],
            "contact" => [Phone, Email],
            "health" => [HealthNotes],
            "legal-status" => [LegalStatusNotes],
            "case-notes" => [CaseNotes, Note],
            _ => throw new ArgumentException(category),
        };

        public IReadOnlyList<string> All => [.. AllCategories.SelectMany(Of), Need];
    }

    static void AssertHoldsNone(string text, IEnumerable<string> canaries)
    {
        foreach (var canary in canaries)
            Assert.False(text.Contains(canary, StringComparison.Ordinal), $"'{canary}' must not appear in: {text}");
    }

    static void AssertNoPersonalData(Referral r)
    {
        Assert.Null(r.GivenName);
        Assert.Null(r.FamilyName);
        Assert.Null(r.DateOfBirth);
        Assert.Null(r.Gender);
        Assert.Null(r.Phone);
        Assert.Null(r.Email);
        Assert.Null(r.HealthNotes);
        Assert.Null(r.LegalStatusNotes);
        Assert.Null(r.CaseNotes);
        Assert.Null(r.Note);
    }

    ReferralRequested Crafted(Canaries canaries, string? consentId, IReadOnlyList<string> shared)
    {
        var now = clock.GetUtcNow();
        return new ReferralRequested(
            $"rf-{Guid.NewGuid():N}"[..20], Sender, Recipient, Bed, "routine",
            new ReferralNeeds(["fa"], 1, false), false, now, now.AddDays(5), null, consentId, shared,
            new SharedProfile(canaries.GivenName, canaries.FamilyName, canaries.DateOfBirth, canaries.Gender, canaries.Phone, canaries.Email,
                canaries.HealthNotes, canaries.LegalStatusNotes, canaries.CaseNotes, canaries.Note));
    }

    async Task<RegisteredSurvivor> RegisterAsync()
    {
        var canaries = new Canaries();
        var outcome = await Engine(e => e.RegisterSurvivorAsync(Sender, new SurvivorRegistration(
            canaries.GivenName, canaries.FamilyName, canaries.DateOfBirth, canaries.Phone, canaries.Email,
            ["ti", "ar"], canaries.Gender, 2, ["accessibility", canaries.Need],
            canaries.HealthNotes, canaries.LegalStatusNotes, canaries.CaseNotes), default));
        Assert.True(outcome.Succeeded, outcome.Message);
        return new RegisteredSurvivor(outcome.Value!.Id, canaries);
    }

    async Task<ConsentRecord> ConsentAsync(string survivorId, string recipient, params string[] categories)
    {
        var outcome = await Engine(e => e.RecordConsentAsync(Sender, survivorId, new ConsentRequest(recipient, categories, "written"), default));
        Assert.True(outcome.Succeeded, outcome.Message);
        return outcome.Value!;
    }

    async Task<ReferralNet.ServiceDefaults.Http.Outcome<Referral>> SendAsync(
        string survivorId, string[]? share = null, string? note = null, string service = Bed, string priority = "routine")
    {
        var outcome = await Engine(e => e.SendAsync(Sender, new ReferralRequest(survivorId, Recipient, service, priority, share, note), default));
        if (outcome.Succeeded)
            currentReferral = outcome.Value!.Id;
        return outcome;
    }

    async Task AssertNothingSentAsync()
    {
        Assert.Equal(0, await Db(db => db.Set<Referral>().CountAsync()));
        Assert.Equal(0, await Db(db => db.Outbox.CountAsync()));
        Assert.Equal(0, await Db(db => db.Set<Disclosure>().CountAsync()));
        Assert.Equal(0, await Db(db => db.Set<AuditEntry>().CountAsync()));
    }

    /// <summary>Hands the referral's outbox message to the recipient's engine, as its consumer would.</summary>
    async Task DeliverReferralAsync(string referralId)
    {
        var message = (await OutboxAsync())
            .Where(r => r.MessageType == typeof(ReferralRequested).FullName)
            .Select(r => JsonSerializer.Deserialize<ReferralRequested>(r.Body, ReferralNetDbContext.MessageJson)!)
            .Single(m => m.ReferralId == referralId);
        await DeliverAsync(e => e.ReceiveAsync(message, default));
    }

    Task<Referral> SentAsync(string id) => Db(db => db.Set<Referral>().AsNoTracking().SingleAsync(r => r.OrganisationId == Sender && r.Id == id));

    Task<Referral> ReceivedAsync(string id) => Db(db => db.Set<Referral>().AsNoTracking().SingleAsync(r => r.OrganisationId == Recipient && r.Id == id));

    async Task<IReadOnlyList<AuditEntry>> AuditAsync(string organisationId, string referralId) =>
        await Engine(e => e.AuditAsync(organisationId, referralId, default)) ?? throw new InvalidOperationException("no such referral");

    Task<List<ReferralNet.Messaging.Outbox.OutboxMessage>> OutboxAsync() => Db(db => db.Outbox.AsNoTracking().OrderBy(m => m.Sequence).ToListAsync());

    async Task<(ReferralNet.Messaging.Outbox.OutboxMessage Row, T Message)> LastRowAsync<T>()
    {
        var row = (await OutboxAsync()).Last(r => r.MessageType == typeof(T).FullName);
        return (row, JsonSerializer.Deserialize<T>(row.Body, ReferralNetDbContext.MessageJson)!);
    }

    async Task<T> LastMessageAsync<T>() => (await LastRowAsync<T>()).Message;

    async Task<T> Engine<T>(Func<ReferralEngine, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ReferralEngine>());
    }

    /// <summary>Runs a consumer's part in one scope and saves, as the inbox consumer does.</summary>
    async Task DeliverAsync(Func<ReferralEngine, Task> action)
    {
        await using var scope = services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<ReferralEngine>());
        await scope.ServiceProvider.GetRequiredService<TestDbContext>().SaveChangesAsync();
    }

    async Task<T> Db<T>(Func<TestDbContext, Task<T>> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TestDbContext>());
    }
}
