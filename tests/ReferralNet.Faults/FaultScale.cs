namespace ReferralNet.Faults;

/// <summary>How hard the suite pushes: the full form (deploy/faults.sh) or the short form CI runs.</summary>
/// <param name="Referrals">Referrals each scenario sends.</param>
/// <param name="Concurrency">POSTs in flight at once.</param>
/// <param name="BrokerDown">How long a killed broker stays down before it is started again.</param>
/// <param name="Outage">How long the broker stays unreachable in the outage scenario.</param>
/// <param name="PoisonPerKind">Poison messages of each kind put into each queue.</param>
/// <param name="ThroughputReferrals">Referrals timed with and without poison.</param>
/// <param name="PollInterval">Pause between two reads of the sender's whole list while waiting for receipts (the read costs the sender more with more referrals).</param>
/// <param name="Patience">Longest wait for a backlog to drain before the scenario fails (a hang guard, not a target).</param>
/// <param name="EnforceTargets">Whether missing a timing target (drain within 10 s, 2 × outage, 90 % throughput) fails the scenario: only in the full form, since a slow shared CI box must not fail a test.</param>
sealed record FaultScale(
    string Name,
    int Referrals,
    int Concurrency,
    TimeSpan BrokerDown,
    TimeSpan Outage,
    int PoisonPerKind,
    int ThroughputReferrals,
    TimeSpan PollInterval,
    TimeSpan Patience,
    bool EnforceTargets)
{
    public static readonly FaultScale Full = new("full", 10_000, 16, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60), 10, 1_000, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), EnforceTargets: true);

    public static readonly FaultScale Short = new("short", 200, 8, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), 2, 100, TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(3), EnforceTargets: false);
}
