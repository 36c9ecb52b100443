namespace ReferralNet.Contracts.Referrals;

/// <summary>
/// One side moved the referral on; sent to the other side. Reasons are codes, never free text.
/// </summary>
public sealed record ReferralStatusChanged(
    string ReferralId,
    string ByOrganisationId,
    string FromStatus,
    string ToStatus,
    string? Reason,
    string? DeclinedBy,
    DateTimeOffset ChangedAt);
