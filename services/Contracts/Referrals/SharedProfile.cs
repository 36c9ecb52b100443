namespace ReferralNet.Contracts.Referrals;

/// <summary>
/// The personal data a referral carries: only the fields of the categories the survivor's consent
/// covers for that recipient are set; every other field is null. Never logged, never traced.
/// </summary>
public sealed record SharedProfile(
    string? GivenName,
    string? FamilyName,
    DateOnly? DateOfBirth,
    string? Gender,
    string? Phone,
    string? Email,
    string? HealthNotes,
    string? LegalStatusNotes,
    string? CaseNotes,
    string? Note);
