namespace ReferralNet.Identity.Audit;

/// <summary>
/// One audited event. Ids and codes only: never an e-mail, a name or a password, so entries can
/// be kept for as long as the audit needs them.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public AuditEvent Event { get; set; }
    /// <summary>The account it is about.</summary>
    public string? StaffId { get; set; }
    public string? OrganisationId { get; set; }
    /// <summary>Who did it, for admin actions (null: the account itself, or the service).</summary>
    public string? ActorStaffId { get; set; }
    /// <summary>The OAuth client, for client-credentials tokens.</summary>
    public string? ClientId { get; set; }
}
