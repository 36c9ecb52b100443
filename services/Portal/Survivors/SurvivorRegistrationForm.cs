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

    public object ToRequest() => new
    {
        givenName = Blank(GivenName),
        familyName = Blank(FamilyName),
        dateOfBirth = DateOfBirth,
        gender = Blank(Gender),
        phone = Blank(Phone),
        email = Blank(Email),
        languages = (Languages ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        dependants = Dependants,
        needs = NeedsAccessibility ? new[] { "accessibility" } : [],
        healthNotes = Blank(HealthNotes),
        legalStatusNotes = Blank(LegalStatusNotes),
        caseNotes = Blank(CaseNotes),
    };

    static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
