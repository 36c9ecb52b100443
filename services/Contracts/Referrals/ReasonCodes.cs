using static ReferralNet.Contracts.Referrals.ReferralStatuses;

namespace ReferralNet.Contracts.Referrals;

/// <summary>
/// The reason codes a person may give: with a status change (by status), when a provider declines,
/// and when a consent is revoked. The services check them; the portal offers them.
/// </summary>
public static class ReasonCodes
{
    /// <summary>Reason codes by status; a status listed here requires one of its codes.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ByStatus = new Dictionary<string, string[]>
    {
        [Rejected] = ["no-capacity", "not-eligible", "cannot-be-reached", "client-declined", "other"],
        [Cancelled] = ["no-longer-needed", "client-withdrew", "served-elsewhere", "safety-concern", "other"],
        [Failed] = ["client-did-not-attend", "client-withdrew", "service-unavailable", "safety-concern", "other"],
        [OnHold] = ["awaiting-client", "awaiting-documents", "capacity-paused", "safety-concern", "other"],
    };

    /// <summary>Reason codes a provider may give when it declines; the client's declines use "client-declined".</summary>
    public static readonly IReadOnlyList<string> ProviderDeclines = ["no-capacity", "not-eligible", "cannot-be-reached", "other"];

    /// <summary>Reason codes for revoking a consent.</summary>
    public static readonly IReadOnlyList<string> Revocation = ["survivor-request", "safety-concern", "recorded-in-error", "other"];
}
