namespace ReferralNet.Referrals.Audit;

/// <summary>Adds lines to a referral's audit trail, for the caller to save with the change they record.</summary>
public static class AuditTrail
{
    /// <summary>Adds one line: codes and ids only, never personal data.</summary>
    public static void AddAudit(this ReferralNetDbContext db, DateTimeOffset at, string organisationId, string referralId, string actor, AuditAction action,
        string? fromStatus = null, string? toStatus = null, string? reason = null, IReadOnlyList<string>? categories = null, string? actorStaffId = null) =>
        db.Set<AuditEntry>().Add(new AuditEntry
        {
            OrganisationId = organisationId,
            ReferralId = referralId,
            At = at,
            ActorOrganisationId = actor,
            ActorStaffId = actorStaffId,
            Action = action,
            FromStatus = fromStatus,
            ToStatus = toStatus,
            Reason = reason,
            Categories = categories?.ToList() ?? [],
        });
}
