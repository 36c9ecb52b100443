using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ReferralNet.ServiceDefaults.Telemetry;

namespace ReferralNet.Messaging.Outbox;

/// <summary>
/// The outbox as operators watch it: how many rows wait for the broker, and how long the oldest has
/// waited. A growing age means messages are not leaving (broker down, a row that cannot be sent).
/// </summary>
public static class OutboxMetrics
{
    static readonly ConcurrentDictionary<string, Backlog> Backlogs = new();

    static OutboxMetrics()
    {
        ReferralNetTelemetry.Meter.CreateObservableGauge(ReferralNetTelemetry.Metrics.OutboxBacklog,
            () => Backlogs.Select(b => new Measurement<long>(b.Value.Rows, new KeyValuePair<string, object?>(ReferralNetTelemetry.Tags.Service, b.Key))),
            unit: "{message}", description: "Outbox rows not yet confirmed by the broker");
        ReferralNetTelemetry.Meter.CreateObservableGauge(ReferralNetTelemetry.Metrics.OutboxOldestAge,
            () => Backlogs.Select(b => new Measurement<double>(b.Value.OldestAgeSeconds, new KeyValuePair<string, object?>(ReferralNetTelemetry.Tags.Service, b.Key))),
            unit: "s", description: "Age of the oldest outbox row not yet confirmed by the broker");
    }

    /// <summary>Records a service's backlog as its relay last saw it.</summary>
    public static void Record(string service, long rows, DateTimeOffset? oldestCreatedAt, DateTimeOffset now) =>
        Backlogs[service] = new Backlog(rows, oldestCreatedAt is { } oldest ? Math.Max(0, (now - oldest).TotalSeconds) : 0);

    /// <summary>The last recorded backlog of a service (rows, oldest age in seconds).</summary>
    public static (long Rows, double OldestAgeSeconds) Of(string service) =>
        Backlogs.TryGetValue(service, out var backlog) ? (backlog.Rows, backlog.OldestAgeSeconds) : (0, 0);

    sealed record Backlog(long Rows, double OldestAgeSeconds);
}
