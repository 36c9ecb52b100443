using ReferralNet.Contracts.Referrals;
using ReferralNet.Referrals.StatusChanges;

namespace ReferralNet.Referrals;

/// <summary>
/// A referral as one side sees it: the sender its own record (with the survivor id and its note),
/// the recipient exactly what was shared.
/// </summary>
public sealed record ReferralView(
    string Id,
    string Direction,
    string FromOrgId,
    string ToOrgId,
    string Service,
    string Priority,
    string Status,
    string? StatusReason,
    string? DeclinedBy,
    ReferralNeeds Needs,
    bool ContactingSubjectProhibited,
    DateTimeOffset RequestedAt,
    DateTimeOffset DueAt,
    DateTimeOffset? ReceivedAt,
    bool Overdue,
    DateTimeOffset UpdatedAt,
    string? BedHoldId,
    string? ConsentId,
    IReadOnlyList<string> SharedCategories,
    string? SurvivorId,
    SharedProfile? Shared,
    string? Note,
    DateTimeOffset? PurgedAt,
    IReadOnlyList<string> AllowedNext)
{
    public static ReferralView Of(Referral r, DateTimeOffset now) => new(
        r.Id,
        r.Side == ReferralSide.Requester ? "sent" : "received",
        r.FromOrganisationId, r.ToOrganisationId, r.Service, r.Priority, r.Status, r.StatusReason, r.DeclinedBy,
        new ReferralNeeds(r.NeedLanguages, r.NeedDependants, r.NeedAccessibility),
        r.ContactingSubjectProhibited, r.RequestedAt, r.DueAt, r.ReceivedAt, r.IsOverdueAt(now), r.UpdatedAt,
        r.BedHoldId, r.ConsentId, r.SharedCategories,
        r.Side == ReferralSide.Requester ? r.SurvivorId : null,
        r.Side == ReferralSide.Recipient && r.SharedCategories.Count > 0
            ? new SharedProfile(r.GivenName, r.FamilyName, r.DateOfBirth, r.Gender, r.Phone, r.Email, r.HealthNotes, r.LegalStatusNotes, r.CaseNotes, r.Note)
            : null,
        r.Side == ReferralSide.Requester ? r.Note : null,
        r.PurgedAt,
        ReferralLifecycle.AllowedNext(r.Status, r.Side));
}
