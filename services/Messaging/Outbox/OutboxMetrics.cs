using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ReferralNet.ServiceDefaults.Telemetry;

namespace ReferralNet.Messaging.Outbox;

/// <summary>
/// The outbox as operators watch it: how many rows wait for the broker, how long the oldest has
/// waited, and how the relay's passes end. A growing age means messages are not leaving (broker
/// down, a row that cannot be sent); so do failed passes that keep coming.
/// </summary>
public static class OutboxMetrics
{
    static readonly ConcurrentDictionary<string, Backlog> Backlogs = new();
    static readonly ConcurrentDictionary<string, PassCounts> Passes = new();

    static OutboxMetrics()
    {
        ReferralNetTelemetry.Meter.CreateObservableGauge(ReferralNetTelemetry.Metrics.OutboxBacklog,
            () => Backlogs.Select(b => new Measurement<long>(b.Value.Rows, new KeyValuePair<string, object?>(ReferralNetTelemetry.Tags.Service, b.Key))),
            unit: "{message}", description: "Outbox rows not yet confirmed by the broker");
        ReferralNetTelemetry.Meter.CreateObservableGauge(ReferralNetTelemetry.Metrics.OutboxOldestAge,
            () => Backlogs.Select(b => new Measurement<double>(b.Value.OldestAgeSeconds, new KeyValuePair<string, object?>(ReferralNetTelemetry.Tags.Service, b.Key))),
            unit: "s", description: "Age of the oldest outbox row not yet confirmed by the broker");
        ReferralNetTelemetry.Meter.CreateObservableCounter(ReferralNetTelemetry.Metrics.OutboxPasses,
            () => Passes.Select(p => new Measurement<long>(p.Value.Completed + p.Value.Failed, new KeyValuePair<string, object?>(ReferralNetTelemetry.Tags.Service, p.Key))),
            unit: "{pass}", description: "Outbox relay passes, completed or failed");
        ReferralNetTelemetry.Meter.CreateObservableCounter(ReferralNetTelemetry.Metrics.OutboxFailedPasses,
            () => Passes.Select(p => new Measurement<long>(p.Value.Failed, new KeyValuePair<string, object?>(ReferralNetTelemetry.Tags.Service, p.Key))),
            unit: "{pass}", description: "Outbox relay passes that failed (broker unreachable, a send not confirmed, the database failing) and backed off");
    }

    /// <summary>Records a service's backlog as its relay last saw it.</summary>
    public static void Record(string service, long rows, DateTimeOffset? oldestCreatedAt, DateTimeOffset now) =>
        Backlogs[service] = new Backlog(rows, oldestCreatedAt is { } oldest ? Math.Max(0, (now - oldest).TotalSeconds) : 0);

    /// <summary>The last recorded backlog of a service (rows, oldest age in seconds).</summary>
    public static (long Rows, double OldestAgeSeconds) Of(string service) =>
        Backlogs.TryGetValue(service, out var backlog) ? (backlog.Rows, backlog.OldestAgeSeconds) : (0, 0);

    /// <summary>
    /// Counts one pass of a service's relay. A completed pass is counted just before the relay
    /// sleeps (or goes straight on), after it has read and sent what was waiting; a failed one
    /// before it backs off.
    /// </summary>
    public static void RecordPass(string service, bool failed) => Passes.GetOrAdd(service, _ => new PassCounts()).Add(failed);

    /// <summary>The passes a service's relay has made so far (completed, failed).</summary>
    public static (long Completed, long Failed) PassesOf(string service) =>
        Passes.TryGetValue(service, out var passes) ? (passes.Completed, passes.Failed) : (0, 0);

    sealed record Backlog(long Rows, double OldestAgeSeconds);

    sealed class PassCounts
    {
        long _completed;
        long _failed;

        public long Completed => Interlocked.Read(ref _completed);
        public long Failed => Interlocked.Read(ref _failed);

        public void Add(bool failed) => Interlocked.Increment(ref failed ? ref _failed : ref _completed);
    }
}
