namespace ReferralNet.Contracts.Api;

/// <summary>
/// One service's referrals as the network operator sees them: counts of what its organisations
/// sent (so the network's total is the sum over services), the overdue ones, and its outbox.
/// Ids, codes and times only.
/// </summary>
public sealed record ReferralOverview(
    string Service,
    IReadOnlyDictionary<string, int> CountsByStatus,
    IReadOnlyList<OverdueReferral> Overdue,
    OutboxState Outbox);
