namespace ReferralNet.Contracts.Api;

/// <summary>
/// <c>GET /api/survivors/{id}</c>: a survivor's profile, to the organisation that registered them
/// only. Every field but the ids, dependants and languages is personal data.
/// </summary>
public sealed record SurvivorView(
    string Id,
    string OrganisationId,
    string? GivenName,
    string? FamilyName,
    DateOnly? DateOfBirth,
    string? Gender,
    string? Phone,
    string? Email,
    IReadOnlyList<string> Languages,
    int Dependants,
    IReadOnlyList<string> Needs,
    string? HealthNotes,
    string? LegalStatusNotes,
    string? CaseNotes,
    DateTimeOffset CreatedAt);
