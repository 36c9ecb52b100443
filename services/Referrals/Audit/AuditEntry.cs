using ReferralNet.Referrals.Audit;

namespace ReferralNet.Referrals;

/// <summary>
/// One line of a referral's audit trail on one side: who, when, what, from, to, reason. Only codes
/// and ids, never personal data; never edited or deleted.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public string OrganisationId { get; set; } = "";
    public string ReferralId { get; set; } = "";
    public DateTimeOffset At { get; set; }
    /// <summary>The organisation whose action this was.</summary>
    public string ActorOrganisationId { get; set; } = "";
    /// <summary>
    /// The pseudonymous staff id (<c>sf-</c>…) of the person on this side who acted; null when no
    /// person did (a development key, a client-credentials script, a message from the other side, a job).
    /// </summary>
    public string? ActorStaffId { get; set; }
    public AuditAction Action { get; set; }
    public string? FromStatus { get; set; }
    public string? ToStatus { get; set; }
    public string? Reason { get; set; }
    /// <summary>Data categories disclosed or purged (codes).</summary>
    public List<string> Categories { get; set; } = [];
}
