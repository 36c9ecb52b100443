namespace ReferralNet.Contracts.Api;

/// <summary>Body of <c>POST /api/survivors</c>.</summary>
public sealed record SurvivorRegistration(
    string? GivenName = null,
    string? FamilyName = null,
    DateOnly? DateOfBirth = null,
    string? Phone = null,
    string? Email = null,
    IReadOnlyList<string>? Languages = null,
    string? Gender = null,
    int Dependants = 0,
    IReadOnlyList<string>? Needs = null,
    string? HealthNotes = null,
    string? LegalStatusNotes = null,
    string? CaseNotes = null);
