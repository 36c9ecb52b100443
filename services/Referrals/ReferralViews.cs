using ReferralNet.Contracts.Api;
using ReferralNet.Referrals.StatusChanges;

namespace ReferralNet.Referrals;

/// <summary>What the API shows of a referral record.</summary>
public static class ReferralViews
{
    /// <summary>The sender sees its own record with the survivor id and its note; the recipient exactly what was shared.</summary>
    public static ReferralView ToView(this Referral r, DateTimeOffset now) => new(
        r.Id,
        r.Side == ReferralSide.Requester ? "sent" : "received",
        r.FromOrganisationId, r.ToOrganisationId, r.Service, r.Priority, r.Status.Code(), r.StatusReason, r.DeclinedBy,
        new ReferralNeeds(r.NeedLanguages, r.NeedDependants, r.NeedAccessibility),
        r.ContactingSubjectProhibited, r.RequestedAt, r.DueAt, r.ReceivedAt, r.IsOverdueAt(now), r.UpdatedAt,
        r.BedHoldId, r.ConsentId, r.SharedCategories,
        r.Side == ReferralSide.Requester ? r.SurvivorId : null,
        r.Side == ReferralSide.Recipient && r.SharedCategories.Count > 0
            ? r.Profile.ToShared()
            : null,
        r.Side == ReferralSide.Requester ? r.Profile.Note : null,
        r.PurgedAt,
        [.. ReferralLifecycle.AllowedNext(r.Status, r.Side).Select(s => s.Code())]);
}
