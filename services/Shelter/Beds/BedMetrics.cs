using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ReferralNet.ServiceDefaults.Telemetry;

namespace ReferralNet.Shelter.Beds;

/// <summary>
/// Bed occupancy as operators watch it: total, occupied, held and free beds per shelter and bed
/// type. Shelter ids only: a shelter's address never leaves this service.
/// </summary>
public static class BedMetrics
{
    static readonly ConcurrentDictionary<(string ShelterId, string BedType), BedCounts> Counts = new();

    static BedMetrics()
    {
        Gauge(ReferralNetTelemetry.Metrics.BedsTotal, c => c.Total, "Beds of one type at a shelter");
        Gauge(ReferralNetTelemetry.Metrics.BedsOccupied, c => c.Occupied, "Occupied beds of one type at a shelter");
        Gauge(ReferralNetTelemetry.Metrics.BedsHeld, c => c.Held, "Beds of one type at a shelter held for referrals");
        Gauge(ReferralNetTelemetry.Metrics.BedsFree, c => c.Free, "Beds of one type at a shelter neither occupied nor held");
    }

    static void Gauge(string name, Func<BedCounts, int> value, string description) =>
        ReferralNetTelemetry.Meter.CreateObservableGauge(name,
            () => Counts.Select(c => new Measurement<int>(value(c.Value),
                new KeyValuePair<string, object?>(ReferralNetTelemetry.Tags.ShelterId, c.Key.ShelterId),
                new KeyValuePair<string, object?>(ReferralNetTelemetry.Tags.BedType, c.Key.BedType))),
            unit: "{bed}", description: description);

    /// <summary>Records every shelter's counts as last read, replacing what was recorded before.</summary>
    public static void Record(IReadOnlyDictionary<string, IReadOnlyList<BedCounts>> counts)
    {
        foreach (var (shelterId, types) in counts)
            foreach (var type in types)
                Counts[(shelterId, type.BedType)] = type;
        foreach (var key in Counts.Keys.Where(k => !counts.TryGetValue(k.ShelterId, out var types) || types.All(t => t.BedType != k.BedType)))
            Counts.TryRemove(key, out _);
    }

    /// <summary>Stops reporting (the service stopped).</summary>
    public static void Forget() => Counts.Clear();

    /// <summary>The last recorded counts of one bed type of one shelter, or null.</summary>
    public static BedCounts? Of(string shelterId, string bedType) => Counts.GetValueOrDefault((shelterId, bedType));
}
