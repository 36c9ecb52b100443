namespace ReferralNet.Attacks.Tests.Confidentiality;

/// <summary>A unique value in every personal field of one survivor, and in the referral's note: finding one is a leak.</summary>
public sealed class PersonalValues
{
    readonly string _run = Guid.NewGuid().ToString("N")[..10];

    public string GivenName => $"given-{_run}";
    public string FamilyName => $"family-{_run}";
    public string DateOfBirth => "1983-07-29";
    public string Gender => $"gender-{_run}";
    public string Phone => $"phone-{_run}";
    public string Email => $"email-{_run}@example.org";
    public string HealthNotes => $"health-{_run}";
    public string LegalStatusNotes => $"legal-{_run}";
    public string CaseNotes => $"casenotes-{_run}";
    public string Note => $"note-{_run}";

    public IReadOnlyList<string> All => [GivenName, FamilyName, DateOfBirth, Gender, Phone, Email, HealthNotes, LegalStatusNotes, CaseNotes, Note];

    /// <summary>The values <paramref name="text"/> contains.</summary>
    public IReadOnlyList<string> FoundIn(string text) => All.Where(v => text.Contains(v, StringComparison.Ordinal)).ToList();

    /// <summary>A <c>POST /api/survivors</c> body with these values.</summary>
    public object Registration => new
    {
        givenName = GivenName, familyName = FamilyName, dateOfBirth = DateOfBirth, gender = Gender, phone = Phone, email = Email,
        languages = new[] { "en" }, dependants = 0, needs = new[] { "bed" },
        healthNotes = HealthNotes, legalStatusNotes = LegalStatusNotes, caseNotes = CaseNotes,
    };
}
