using System.Diagnostics;
using System.Text;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using ReferralNet.ServiceDefaults.Telemetry;
using ReferralNet.Contracts.Referrals;
using ReferralNet.Testing;

namespace ReferralNet.EndToEnd.Tests.Referrals;

public sealed class Canary_values_in_telemetry(ReferralNetwork network) : IClassFixture<ReferralNetwork>
{
    [Fact]
    public async Task After_the_full_flow_no_personal_value_appears_in_any_span_log_or_metric_nor_on_the_wire_to_an_unconsented_recipient()
    {
        var legalAid = network.Desk("justice-bridge");
        var shelter = network.Desk("harbour-house");
        var programme = network.Desk("new-paths");
        var canaries = Canaries.New();
        await using var tap = await WireTap.OnAsync(network.BrokerConnectionString, "vocational-referrals");

        var survivorId = await legalAid.RegisterSurvivorAsync(canaries.Profile());
        var consentId = await legalAid.RecordConsentAsync(survivorId, "harbour-house", ConsentCategories.All.ToArray());
        var bed = await legalAid.ReferAsync(survivorId, "harbour-house", "bed:women", ConsentCategories.All.ToArray(), note: canaries.Note, priority: "asap");
        var training = await legalAid.ReferAsync(survivorId, "new-paths", "vocational:training");

        var received = await shelter.ReferralWhenAsync(bed, _ => true, "the bed referral arrives");
        Assert.Equal(canaries.Note, received.Shared!.Note);
        await shelter.ChangeStatusAsync(bed, "accepted");
        await shelter.ChangeStatusAsync(bed, "completed");
        await legalAid.ReferralWhenAsync(bed, r => r.Status == "completed", "the sender sees the completion");
        await programme.ReferralWhenAsync(training, _ => true, "the training referral arrives");
        await programme.ChangeStatusAsync(training, "rejected", "not-eligible", "provider");
        await legalAid.ReferralWhenAsync(training, r => r.Status == "rejected", "the sender sees the rejection");
        await legalAid.RevokeAsync(consentId);
        await Eventually.ReturnsAsync(() => legalAid.ConsentAsync(consentId), c => c.Recipients.All(r => r.PurgeConfirmed), "the shelter confirms its purge");

        var toProgramme = await tap.MessageAsync(nameof(ReferralRequested), training);
        Assert.Empty(canaries.FoundIn(toProgramme.Body));

        // The flow was seen: spans of both referrals, the engine's log lines, some metrics.
        var spans = network.Hosts.Spans();
        Assert.Contains(spans, s => s.GetTagItem(ReferralNetTelemetry.Tags.ReferralId) as string == bed);
        Assert.Contains(spans, s => s.GetTagItem(ReferralNetTelemetry.Tags.ReferralId) as string == training);
        var logs = network.Hosts.Logs().ToList();
        Assert.Contains(logs.SelectMany(l => l.Logs), l => l.FormattedMessage?.Contains(bed) == true);
        var metrics = network.Hosts.Metrics().ToList();
        Assert.All(metrics, m => Assert.NotEmpty(m.Metrics));

        var leaks = new List<string>();
        foreach (var span in spans)
            foreach (var canary in canaries.FoundIn(Describe(span)))
                leaks.Add($"span '{span.DisplayName}' ({span.Source.Name}) holds {canary}");
        foreach (var (service, records) in logs)
            foreach (var record in records)
                foreach (var canary in canaries.FoundIn(Describe(record)))
                    leaks.Add($"{service} log '{record.CategoryName}' holds {canary}: {record.FormattedMessage}");
        foreach (var (service, snapshots) in metrics)
            foreach (var snapshot in snapshots)
                foreach (var canary in canaries.FoundIn(Describe(snapshot)))
                    leaks.Add($"{service} metric '{snapshot.Name}' holds {canary}");
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks.Distinct()));
    }

    static string Describe(Activity span)
    {
        var text = new StringBuilder().AppendLine(span.DisplayName).AppendLine(span.OperationName).AppendLine(span.StatusDescription);
        foreach (var tag in span.TagObjects)
            text.AppendLine($"{tag.Key}={tag.Value}");
        foreach (var item in span.Baggage)
            text.AppendLine($"{item.Key}={item.Value}");
        foreach (var spanEvent in span.Events)
        {
            text.AppendLine(spanEvent.Name);
            foreach (var tag in spanEvent.Tags)
                text.AppendLine($"{tag.Key}={tag.Value}");
        }
        foreach (var link in span.Links)
            foreach (var tag in link.Tags ?? [])
                text.AppendLine($"{tag.Key}={tag.Value}");
        return text.ToString();
    }

    static string Describe(LogRecord record)
    {
        var text = new StringBuilder().AppendLine(record.CategoryName).AppendLine(record.EventId.Name).AppendLine(record.FormattedMessage).AppendLine(record.Body);
        foreach (var attribute in record.Attributes ?? [])
            text.AppendLine($"{attribute.Key}={attribute.Value}");
        record.ForEachScope((scope, builder) =>
        {
            foreach (var item in scope)
                builder.AppendLine($"{item.Key}={item.Value}");
            builder.AppendLine(scope.Scope?.ToString());
        }, text);
        text.AppendLine(record.Exception?.ToString());
        return text.ToString();
    }

    static string Describe(MetricSnapshot snapshot)
    {
        var text = new StringBuilder().AppendLine(snapshot.Name).AppendLine(snapshot.Description).AppendLine(snapshot.Unit).AppendLine(snapshot.MeterName);
        foreach (var point in snapshot.MetricPoints)
            foreach (var tag in point.Tags)
                text.AppendLine($"{tag.Key}={tag.Value}");
        return text.ToString();
    }
}
