namespace ReferralNet.EndToEnd.Tests.Referrals;

/// <summary>
/// A unique, searchable string in every personal field of one test survivor (and in a referral's
/// note): finding one anywhere it should not be is a leak.
/// </summary>
public sealed record Canaries(string GivenName, string FamilyName, string Gender, string Phone, string Email,
    string HealthNotes, string LegalStatusNotes, string CaseNotes, string Note)
{
    public static Canaries New()
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        string canary(string field) => $"canary-{field}-{run}";
        return new(canary("given"), canary("family"), canary("gender"), canary("phone"), $"{canary("email")}@example.org",
            canary("health"), canary("legal"), canary("casenotes"), canary("note"));
    }

    public IReadOnlyList<string> All => [GivenName, FamilyName, Gender, Phone, Email, HealthNotes, LegalStatusNotes, CaseNotes, Note];

    /// <summary>The canaries <paramref name="text"/> contains, in field order.</summary>
    public IReadOnlyList<string> FoundIn(string? text) =>
        text is null ? [] : All.Where(c => text.Contains(c, StringComparison.Ordinal)).ToList();

    /// <summary>A <c>POST /api/survivors</c> body with a canary in every personal field.</summary>
    public object Profile(string[]? languages = null, int dependants = 0) => new
    {
        givenName = GivenName, familyName = FamilyName, dateOfBirth = "1990-01-31", gender = Gender, phone = Phone, email = Email,
        languages = languages ?? ["en"], dependants, needs = new[] { "bed" },
        healthNotes = HealthNotes, legalStatusNotes = LegalStatusNotes, caseNotes = CaseNotes,
    };
}
