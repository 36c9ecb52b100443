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
    /// <summary>The personal data by consent category; the survivor's record never has a note.</summary>
    public SurvivorProfile Profile { get; set; } = new();
    public List<string> Languages { get; set; } = [];
    public int Dependants { get; set; }
    /// <summary>Need codes: personal, but no consent category covers them, so they never leave this record.</summary>
    public List<string> Needs { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The profile as <c>GET /api/survivors/{id}</c> shows it to the organisation that holds it.</summary>
    public SurvivorView ToView() => new(
        Id, OrganisationId, Profile.GivenName, Profile.FamilyName, Profile.DateOfBirth, Profile.Gender, Profile.Phone, Profile.Email,
        Languages, Dependants, Needs, Profile.HealthNotes, Profile.LegalStatusNotes, Profile.CaseNotes, CreatedAt);
}
