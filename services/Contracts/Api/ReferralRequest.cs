namespace ReferralNet.Contracts.Api;

/// <summary>
/// Body of <c>POST /api/referrals</c>. A bed is held after the referral is sent, not before: the
/// Shelter's gRPC <c>HoldBed</c> takes the referral's id once the shelter has received it.
/// </summary>
public sealed record ReferralRequest(
    string SurvivorId,
    string ToOrgId,
    string Service,
    string Priority = "routine",
    IReadOnlyList<string>? Share = null,
    string? Note = null,
    bool ContactingSubjectProhibited = false);
