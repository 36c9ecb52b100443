using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using ReferralNet.Referrals;
using ReferralNet.Protos.Shelter.V1;
using ReferralNet.ServiceDefaults.Telemetry;
using ReferralNet.Contracts.Referrals;
using ReferralNet.Testing;
using MassTransit;

namespace ReferralNet.EndToEnd.Tests.Referrals;

public sealed class Referrals_between_services(ReferralNetwork network) : IClassFixture<ReferralNetwork>
{
    [Fact]
    public async Task Legal_aid_refers_to_a_shelter_with_a_held_bed_and_both_sides_follow_it_to_completion()
    {
        var legalAid = network.Desk("justice-bridge");
        var shelter = network.Desk("harbour-house");
        var survivorId = await legalAid.RegisterSurvivorAsync(new
        {
            givenName = "Ana", familyName = "Quispe", dateOfBirth = "1994-03-02", gender = "female", phone = "+1-555-0199",
            email = "ana@example.org", languages = new[] { "es" }, dependants = 0,
            healthNotes = "not for the shelter", legalStatusNotes = "t-visa pending", caseNotes = "met at the bus station",
        });
        await legalAid.RecordConsentAsync(survivorId, "harbour-house", "identity", "contact");

        var id = await legalAid.ReferAsync(survivorId, "harbour-house", "bed:women", ["identity", "contact"], priority: "urgent");
        await shelter.ReferralWhenAsync(id, _ => true, "the referral arrives");

        // Then the sender holds a bed for it: a hold names a referral the shelter has received.
        using var channel = GrpcChannel.ForAddress(network.Hosts.Shelter.Server.BaseAddress,
            new GrpcChannelOptions { HttpHandler = network.Hosts.Shelter.Server.CreateHandler() });
        var hold = await new BedLookup.BedLookupClient(channel).HoldBedAsync(
            new HoldBedRequest { ShelterId = "harbour-house-main", BedType = "women", ReferralId = id, HoldMinutes = 60 },
            new Metadata { { "x-api-key", SeededOrganisations.Find("justice-bridge").ApiKey } });

        var received = await shelter.ReferralWhenAsync(id, _ => true, "the referral with its hold");
        Assert.Equal("received", received.Direction);
        Assert.Equal(["identity", "contact"], received.SharedCategories);
        Assert.Equal(hold.HoldId, received.BedHoldId);
        Assert.Null(received.SurvivorId);
        var shared = received.Shared!;
        Assert.Equal(("Ana", "Quispe", new DateOnly(1994, 3, 2), "female"), (shared.GivenName, shared.FamilyName, shared.DateOfBirth, shared.Gender));
        Assert.Equal(("+1-555-0199", "ana@example.org"), (shared.Phone, shared.Email));
        Assert.All(new[] { shared.HealthNotes, shared.LegalStatusNotes, shared.CaseNotes, shared.Note }, Assert.Null);
        Assert.Equal(["accepted", "rejected"], received.AllowedNext);

        var sent = await legalAid.ReferralWhenAsync(id, r => r.ReceivedAt is not null, "the sender sees the receipt");
        Assert.Equal(received.ReceivedAt, sent.ReceivedAt);
        Assert.Equal(survivorId, sent.SurvivorId);

        await shelter.ChangeStatusAsync(id, "accepted");
        await legalAid.ReferralWhenAsync(id, r => r.Status == "accepted", "the sender sees the acceptance");
        await shelter.ChangeStatusAsync(id, "completed");
        await legalAid.ReferralWhenAsync(id, r => r.Status == "completed", "the sender sees the completion");

        string[] transitions = ["requested->accepted", "accepted->completed"];
        var senderAudit = await legalAid.AuditAsync(id);
        Assert.Equal(["created", "disclosed", "receipt-confirmed", "status-changed", "status-changed"], senderAudit.Select(a => a.Action));
        Assert.Equal(["identity", "contact"], senderAudit.Single(a => a.Action == "disclosed").Categories);
        Assert.Equal(transitions, senderAudit.Where(a => a.Action == "status-changed").Select(a => $"{a.From}->{a.To}"));
        Assert.All(senderAudit.Where(a => a.Action == "status-changed"), a => Assert.Equal("harbour-house", a.Actor));

        var recipientAudit = await shelter.AuditAsync(id);
        Assert.Equal(["received", "status-changed", "status-changed"], recipientAudit.Select(a => a.Action));
        Assert.Equal("justice-bridge", recipientAudit[0].Actor);
        Assert.Equal(transitions, recipientAudit.Where(a => a.Action == "status-changed").Select(a => $"{a.From}->{a.To}"));
    }

    [Fact]
    public async Task A_shelter_refers_a_resident_to_a_clinic_under_health_consent_and_sees_the_clinic_accept()
    {
        var shelter = network.Desk("harbour-house");
        var clinic = network.Desk("st-mary-clinic");
        var survivorId = await shelter.RegisterSurvivorAsync(new { givenName = "Mai", phone = "+1-555-0123", healthNotes = "needs trauma care", caseNotes = "resident since May" });
        await shelter.RecordConsentAsync(survivorId, "st-mary-clinic", "health");

        var id = await shelter.ReferAsync(survivorId, "st-mary-clinic", "medical:trauma-care", ["health"]);

        var received = await clinic.ReferralWhenAsync(id, _ => true, "the referral arrives");
        Assert.Equal(["health"], received.SharedCategories);
        Assert.Equal("needs trauma care", received.Shared!.HealthNotes);
        Assert.All(new[] { received.Shared.GivenName, received.Shared.Phone, received.Shared.CaseNotes }, Assert.Null);
        await shelter.ReferralWhenAsync(id, r => r.ReceivedAt is not null, "the sender sees the receipt");

        await clinic.ChangeStatusAsync(id, "accepted");
        var seen = await shelter.ReferralWhenAsync(id, r => r.Status == "accepted", "the sender sees the acceptance");
        Assert.Equal(["cancelled"], seen.AllowedNext);
    }

    [Fact]
    public async Task A_shelter_refers_a_resident_to_training_without_consent_and_sees_the_programme_decline()
    {
        var shelter = network.Desk("harbour-house");
        var programme = network.Desk("new-paths");
        var survivorId = await shelter.RegisterSurvivorAsync(new { givenName = "Lina", languages = new[] { "es", "en" }, dependants = 1, caseNotes = "wants to train as a cook" });

        var id = await shelter.ReferAsync(survivorId, "new-paths", "vocational:training");

        var received = await programme.ReferralWhenAsync(id, _ => true, "the referral arrives");
        Assert.Empty(received.SharedCategories);
        Assert.Null(received.Shared);
        Assert.Null(received.ConsentId);
        Assert.Equal(["es", "en"], received.Needs.Languages);
        Assert.Equal(1, received.Needs.Dependants);
        await shelter.ReferralWhenAsync(id, r => r.ReceivedAt is not null, "the sender sees the receipt");

        await programme.ChangeStatusAsync(id, "rejected", "no-capacity", "provider");
        var seen = await shelter.ReferralWhenAsync(id, r => r.Status == "rejected", "the sender sees the rejection");
        Assert.Equal(("no-capacity", "provider"), (seen.StatusReason, seen.DeclinedBy));
        Assert.Empty(seen.AllowedNext);
    }

    [Fact]
    public async Task A_clinic_refers_a_patient_to_legal_aid_under_legal_status_consent_and_sees_the_client_decline()
    {
        var clinic = network.Desk("st-mary-clinic");
        var legalAid = network.Desk("justice-bridge");
        var survivorId = await clinic.RegisterSurvivorAsync(new { familyName = "Tran", healthNotes = "stays at the clinic", legalStatusNotes = "passport held by employer" });
        await clinic.RecordConsentAsync(survivorId, "justice-bridge", "legal-status");

        var id = await clinic.ReferAsync(survivorId, "justice-bridge", "legal:t-visa", ["legal-status"], priority: "asap");

        var received = await legalAid.ReferralWhenAsync(id, _ => true, "the referral arrives");
        Assert.Equal(["legal-status"], received.SharedCategories);
        Assert.Equal("passport held by employer", received.Shared!.LegalStatusNotes);
        Assert.All(new[] { received.Shared.FamilyName, received.Shared.HealthNotes }, Assert.Null);
        Assert.Equal("asap", received.Priority);
        await clinic.ReferralWhenAsync(id, r => r.ReceivedAt is not null, "the sender sees the receipt");

        await legalAid.ChangeStatusAsync(id, "rejected", "client-declined", "client");
        var seen = await clinic.ReferralWhenAsync(id, r => r.Status == "rejected", "the sender sees the rejection");
        Assert.Equal(("client-declined", "client"), (seen.StatusReason, seen.DeclinedBy));
    }

    [Fact]
    public async Task The_recipients_consumer_continues_the_trace_of_the_senders_request_and_the_receipt_comes_back_in_it()
    {
        var shelter = network.Desk("harbour-house");
        var clinic = network.Desk("st-mary-clinic");
        var survivorId = await shelter.RegisterSurvivorAsync(new { givenName = "Rosa" });
        var traceId = ActivityTraceId.CreateRandom();
        var traceParent = $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01";

        var id = await shelter.ReferAsync(survivorId, "st-mary-clinic", "medical:primary-care", traceParent: traceParent);
        await clinic.ReferralWhenAsync(id, _ => true, "the referral arrives");
        await shelter.ReferralWhenAsync(id, r => r.ReceivedAt is not null, "the sender sees the receipt");

        bool onQueue(Activity span, string queue) => span.Tags.Any(t => t.Value?.Contains(queue) == true);
        bool taggedWith(Activity span) => span.GetTagItem(ReferralNetTelemetry.Tags.ReferralId) as string == id;
        var spans = await Eventually.ReturnsAsync(() => Task.FromResult(network.Hosts.Spans().Where(s => s.TraceId == traceId).ToList()),
            trace => trace.Any(s => s.Kind == ActivityKind.Consumer && onQueue(s, "shelter-referrals")), "the receipt's consumer span");

        var post = Assert.Single(spans, s => s.Kind == ActivityKind.Server && s.DisplayName.StartsWith("POST", StringComparison.Ordinal));
        Assert.True(taggedWith(post), "the sender's request span carries the referral id");
        Assert.Contains(spans, s => s.Kind == ActivityKind.Consumer && onQueue(s, "medical-referrals"));
        Assert.Contains(spans, s => s.OperationName != post.OperationName && taggedWith(s) && s.Tags.Any(t => t.Value == "st-mary-clinic"));
    }

    [Fact]
    public async Task Duplicated_and_redelivered_messages_change_nothing()
    {
        var clinic = network.Desk("st-mary-clinic");
        var programme = network.Desk("new-paths");
        await using var tap = await WireTap.OnAsync(network.BrokerConnectionString, "vocational-referrals", "medical-referrals");
        var survivorId = await clinic.RegisterSurvivorAsync(new { givenName = "Noor" });
        var id = await clinic.ReferAsync(survivorId, "new-paths", "vocational:job-placement");
        await clinic.ReferralWhenAsync(id, r => r.ReceivedAt is not null, "the sender sees the receipt");

        // The same ReferralRequested again (a redelivery), then as a new message (a duplicate send).
        var requested = await tap.MessageAsync("ReferralRequested", id);
        var toProgramme = await network.BusOf("medical").GetSendEndpoint(new Uri("exchange:medical-to-vocational-referrals"));
        var message = requested.As<ReferralRequested>();
        var copyId = Guid.NewGuid();
        await toProgramme.Send(message, Pipe.Execute<SendContext<ReferralRequested>>(c => c.MessageId = requested.MessageId));
        await toProgramme.Send(message, Pipe.Execute<SendContext<ReferralRequested>>(c => c.MessageId = copyId));
        await network.ConsumedAsync(requested.MessageId, 2, "the redelivered referral");
        await network.ConsumedAsync(copyId, 1, "the duplicate referral");

        Assert.Single(await programme.ReferralsAsync("received"), r => r.Id == id);
        Assert.Single(await programme.AuditAsync(id), a => a.Action == "received");
        Assert.Single(await clinic.AuditAsync(id), a => a.Action == "receipt-confirmed");

        // A rejection takes no seat, so this holds whatever the programme's capacity.
        await programme.ChangeStatusAsync(id, "rejected", "no-capacity", "provider");
        await clinic.ReferralWhenAsync(id, r => r.Status == "rejected", "the sender sees the rejection");
        var changed = await tap.MessageAsync("ReferralStatusChanged", id);
        var toClinic = await network.BusOf("vocational").GetSendEndpoint(new Uri("exchange:vocational-to-medical-referrals"));
        var change = changed.As<ReferralStatusChanged>();
        var changeCopyId = Guid.NewGuid();
        await toClinic.Send(change, Pipe.Execute<SendContext<ReferralStatusChanged>>(c => c.MessageId = changed.MessageId));
        await toClinic.Send(change, Pipe.Execute<SendContext<ReferralStatusChanged>>(c => c.MessageId = changeCopyId));
        await network.ConsumedAsync(changed.MessageId, 2, "the redelivered status change");
        await network.ConsumedAsync(changeCopyId, 1, "the duplicate status change");

        var audit = await clinic.AuditAsync(id);
        Assert.Single(audit, a => a.Action == "status-changed");
        Assert.Equal("rejected", (await clinic.ReferralAsync(id)).Status);
        Assert.Single(await clinic.ReferralsAsync("sent"), r => r.Id == id);
    }
}
