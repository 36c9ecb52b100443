using ReferralNet.Contracts.Api;

namespace ReferralNet.Portal.Survivors;

/// <summary>The register-a-survivor form's fields, sent as <c>POST /api/survivors</c>.</summary>
public sealed class SurvivorRegistrationForm
{
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public string? Gender { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Languages { get; set; }
    public int Dependants { get; set; }
    public bool NeedsAccessibility { get; set; }
    public string? HealthNotes { get; set; }
    public string? LegalStatusNotes { get; set; }
    public string? CaseNotes { get; set; }

    /// <summary>The form as the API's own request record, blanks as nulls.</summary>
    public SurvivorRegistration ToRequest() => new(
        GivenName: Blank(GivenName),
        FamilyName: Blank(FamilyName),
        DateOfBirth: DateOfBirth,
        Phone: Blank(Phone),
        Email: Blank(Email),
        Languages: (Languages ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        Gender: Blank(Gender),
        Dependants: Dependants,
        Needs: NeedsAccessibility ? ["accessibility"] : [],
        HealthNotes: Blank(HealthNotes),
        LegalStatusNotes: Blank(LegalStatusNotes),
        CaseNotes: Blank(CaseNotes));

    static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
