using ReferralNet.Referrals.Audit;

namespace ReferralNet.Referrals.Revocation;

/// <summary>A recipient's copy of personal data going, with the audit line that says why.</summary>
public static class CopyPurge
{
    /// <summary>Purges a received referral's personal data for <paramref name="reason"/>; the caller saves.</summary>
    public static void PurgeCopy(this ReferralNetDbContext db, Referral referral, DateTimeOffset now, string reason)
    {
        referral.Version++;
        referral.Purge(now);
        db.WipeOverwrittenPagesAfterCommit();
        db.AddAudit(now, referral.OrganisationId, referral.Id, referral.OrganisationId, AuditAction.Purged, reason: reason, categories: referral.SharedCategories);
    }
}
