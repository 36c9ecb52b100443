namespace ReferralNet.Contracts.Api;

/// <summary>Body of <c>POST /api/referrals</c>.</summary>
public sealed record ReferralRequest(
    string SurvivorId,
    string ToOrgId,
    string Service,
    string Priority = "routine",
    IReadOnlyList<string>? Share = null,
    string? Note = null,
    bool ContactingSubjectProhibited = false,
    string? BedHoldId = null);
