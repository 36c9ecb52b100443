using ReferralNet.Contracts.Referrals;

namespace ReferralNet.Contracts.Api;

/// <summary>
/// A referral as one side sees it: the sender its own record (with the survivor id and its note),
/// the recipient exactly what was shared; <c>allowedNext</c> lists the statuses this side may set now.
/// As <c>GET /api/referrals</c>, <c>GET /api/referrals/{id}</c> and a status change answer it.
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
    IReadOnlyList<string> AllowedNext);
