using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ReferralNet.Referrals;
using ReferralNet.ServiceDefaults.Telemetry;

namespace ReferralNet.Referrals.Operations;

/// <summary>
/// Referrals as operators watch them: how many each service holds by side and status, and how long
/// recipients take to accept. Tags carry codes only.
/// </summary>
public static class ReferralMetrics
{
    static readonly ConcurrentDictionary<string, IReadOnlyList<ReferralCount>> Counts = new();
    static readonly Histogram<double> TimeToAccept;

    static ReferralMetrics()
    {
        ReferralNetTelemetry.Meter.CreateObservableGauge(ReferralNetTelemetry.Metrics.Referrals,
            () => Counts.SelectMany(service => service.Value.Select(c => new Measurement<long>(c.Count,
                new KeyValuePair<string, object?>(ReferralNetTelemetry.Tags.Service, service.Key),
                new KeyValuePair<string, object?>(ReferralNetTelemetry.Tags.ReferralSide, c.Side),
                new KeyValuePair<string, object?>(ReferralNetTelemetry.Tags.ReferralStatus, c.Status)))),
            unit: "{referral}", description: "Referrals the service holds, by side (sent or received) and status");
        TimeToAccept = ReferralNetTelemetry.Meter.CreateHistogram<double>(ReferralNetTelemetry.Metrics.TimeToAccept,
            unit: "s", description: "Time from a referral being requested to the recipient accepting it");
    }

    /// <summary>
    /// Records a service's referral counts as last read; every side and status is recorded, zero or
    /// not, so a status that empties shows 0 instead of its last count.
    /// </summary>
    public static void Record(string service, IEnumerable<(ReferralSide Side, ReferralStatus Status, int Count)> counts)
    {
        var read = counts.ToDictionary(c => (c.Side, c.Status), c => c.Count);
        Counts[service] =
        [
            .. from side in new[] { ReferralSide.Requester, ReferralSide.Recipient }
               from status in Enum.GetValues<ReferralStatus>()
               select new ReferralCount(SideName(side), status.Code(), read.GetValueOrDefault((side, status))),
        ];
    }

    /// <summary>Stops reporting a service's counts (it stopped).</summary>
    public static void Forget(string service) => Counts.TryRemove(service, out _);

    /// <summary>The last recorded count of a service's referrals on one side in one status.</summary>
    public static long Of(string service, ReferralSide side, ReferralStatus status) =>
        Counts.TryGetValue(service, out var counts)
            ? counts.FirstOrDefault(c => c.Side == SideName(side) && c.Status == status.Code())?.Count ?? 0
            : 0;

    /// <summary>Records how long the recipient took to accept, at the moment it accepted.</summary>
    public static void Accepted(Referral referral, DateTimeOffset acceptedAt) =>
        TimeToAccept.Record(Math.Max(0, (acceptedAt - referral.RequestedAt).TotalSeconds),
            new KeyValuePair<string, object?>(ReferralNetTelemetry.Tags.ReferralService, referral.Service),
            new KeyValuePair<string, object?>(ReferralNetTelemetry.Tags.ReferralPriority, referral.Priority));

    /// <summary>The name of a side in the API and in metric tags.</summary>
    public static string SideName(ReferralSide side) => side == ReferralSide.Requester ? "sent" : "received";

    sealed record ReferralCount(string Side, string Status, long Count);
}
