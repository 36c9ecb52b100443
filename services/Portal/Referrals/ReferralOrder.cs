using ReferralNet.Contracts.Api;

namespace ReferralNet.Portal.Referrals;

/// <summary>How the portal lists referrals: overdue first, then the shortest deadline (asap, urgent, routine), then newest.</summary>
public static class ReferralOrder
{
    public static List<ReferralView> UrgentFirst(IEnumerable<ReferralView> referrals) =>
        referrals
            .OrderByDescending(r => r.Overdue)
            .ThenBy(r => r.Priority switch { "asap" => 0, "urgent" => 1, _ => 2 })
            .ThenByDescending(r => r.RequestedAt)
            .ToList();
}
