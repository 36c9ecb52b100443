using ReferralNet.Referrals.Audit;
using ReferralNet.Referrals.Revocation;

namespace ReferralNet.Referrals.StatusChanges;

/// <summary>
/// One side's record moving to a checked status, whoever asked (a person on this side or a
/// message from the other): the record, its audit line, the purge an error calls for, and the
/// recipient's effects. The caller owns the transaction and saves.
/// </summary>
public sealed class ReferralTransition(ReferralNetDbContext db, IReferralRecipient recipient, TimeProvider clock)
{
    public async Task ApplyAsync(Referral referral, ReferralStatus previous, ReferralStatus target, string? reason, string? declinedBy, string actor, string? actorStaffId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        referral.Version++;
        referral.Status = target;
        referral.StatusReason = reason;
        referral.DeclinedBy = declinedBy;
        referral.UpdatedAt = now;
        if (target is ReferralStatus.Accepted or ReferralStatus.Rejected)
            referral.AnsweredAt ??= now;
        db.AddAudit(now, referral.OrganisationId, referral.Id, actor, AuditAction.StatusChanged, previous.Code(), target.Code(), reason, actorStaffId: actorStaffId);

        if (referral.Side != ReferralSide.Recipient)
            return;
        if (target == ReferralStatus.EnteredInError && referral.SharedCategories.Count > 0 && referral.PurgedAt is null)
        {
            // Sent in error, perhaps to the wrong organisation: the personal data that came with it must not stay.
            db.PurgeCopy(referral, now, ReferralStatus.EnteredInError.Code());
        }
        var wasTaken = previous is ReferralStatus.Accepted or ReferralStatus.InProgress or ReferralStatus.OnHold;
        if (wasTaken && ReferralLifecycle.IsFinal(target))
            await recipient.ClosedAsync(referral, previous, ct);
        else if (previous == ReferralStatus.Requested && ReferralLifecycle.IsFinal(target))
            await recipient.NotTakenAsync(referral, ct);
    }
}
