using ReferralNet.Contracts.Api;


namespace ReferralNet.Referrals.Survivors;

/// <summary>
/// A survivor's profile, held only by the organisation that registered them. Every field but the
/// ids, dependants and languages is personal data.
/// </summary>
public sealed class Survivor
{
    /// <summary>Pseudonymous id; the only way a survivor is named in telemetry, audit and URLs.</summary>
    public string Id { get; set; } = "";
    /// <summary>The organisation that holds this profile.</summary>
    public string OrganisationId { get; set; } = "";
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public string? Gender { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public List<string> Languages { get; set; } = [];
    public int Dependants { get; set; }
    public List<string> Needs { get; set; } = [];
    public string? HealthNotes { get; set; }
    public string? LegalStatusNotes { get; set; }
    public string? CaseNotes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The profile as <c>GET /api/survivors/{id}</c> shows it to the organisation that holds it.</summary>
    public SurvivorView ToView() => new(
        Id, OrganisationId, GivenName, FamilyName, DateOfBirth, Gender, Phone, Email, Languages, Dependants, Needs,
        HealthNotes, LegalStatusNotes, CaseNotes, CreatedAt);
}
