namespace ReferralNet.Referrals.Tests.Consent;

public sealed class Consent_gate
{
    static readonly DateTimeOffset Now = new(2026, 5, 4, 10, 0, 0, TimeSpan.Zero);
    const string Recipient = "harbour-house";

    static ConsentRecord ConsentFor(string recipient, params string[] categories) => new()
    {
        Id = $"c-{Guid.NewGuid():N}"[..12],
        SurvivorId = "sv-1",
        OrganisationId = "justice-bridge",
        RecipientOrganisationId = recipient,
        Categories = [.. categories],
        Method = ConsentMethod.Written,
        RecordedBy = "justice-bridge",
        GivenAt = Now.AddDays(-10),
        ExpiresAt = Now.AddDays(80),
    };

    [Fact]
    public void Needs_no_consent_to_share_nothing()
    {
        var (consent, refusal) = ConsentGate.Check([], Recipient, [], Now);

        Assert.Null(consent);
        Assert.Null(refusal);
    }

    [Fact]
    public void Refuses_when_there_is_no_consent()
    {
        var (consent, refusal) = ConsentGate.Check(["identity"], Recipient, [], Now);

        Assert.Null(consent);
        Assert.NotNull(refusal);
        Assert.Contains("no consent", refusal);
        Assert.Contains("'identity'", refusal);
        Assert.Contains($"'{Recipient}'", refusal);
    }

    [Fact]
    public void Refuses_a_consent_given_for_another_recipient()
    {
        var (consent, refusal) = ConsentGate.Check(["contact"], Recipient, [ConsentFor("safe-haven", "identity", "contact")], Now);

        Assert.Null(consent);
        Assert.NotNull(refusal);
        Assert.Contains("'contact'", refusal);
        Assert.Contains($"'{Recipient}'", refusal);
        Assert.DoesNotContain("safe-haven", refusal);
    }

    [Fact]
    public void Refuses_a_category_the_consent_does_not_cover_naming_it_and_the_recipient()
    {
        var given = ConsentFor(Recipient, "identity", "contact");

        var (consent, refusal) = ConsentGate.Check(["identity", "health"], Recipient, [given], Now);

        Assert.Null(consent);
        Assert.NotNull(refusal);
        Assert.Contains("category 'health'", refusal);
        Assert.Contains($"organisation '{Recipient}'", refusal);
        Assert.Contains(given.Id, refusal);
        Assert.DoesNotContain("'identity'", refusal);
    }

    [Fact]
    public void Refuses_an_expired_consent()
    {
        var expired = ConsentFor(Recipient, "identity");
        expired.ExpiresAt = Now;

        var (consent, refusal) = ConsentGate.Check(["identity"], Recipient, [expired], Now);

        Assert.Null(consent);
        Assert.NotNull(refusal);
        Assert.Contains($"consent {expired.Id} is expired", refusal);
        Assert.Contains("'identity'", refusal);
        Assert.Contains($"'{Recipient}'", refusal);
    }

    [Fact]
    public void Lets_a_consent_through_until_the_moment_it_expires()
    {
        var expiring = ConsentFor(Recipient, "identity");
        expiring.ExpiresAt = Now.AddTicks(1);

        Assert.Same(expiring, ConsentGate.Check(["identity"], Recipient, [expiring], Now).Consent);
    }

    [Fact]
    public void Refuses_a_revoked_consent()
    {
        var revoked = ConsentFor(Recipient, "identity", "contact");
        revoked.RevokedAt = Now.AddMinutes(-1);
        revoked.RevocationReason = "survivor-request";

        var (consent, refusal) = ConsentGate.Check(["contact"], Recipient, [revoked], Now);

        Assert.Null(consent);
        Assert.NotNull(refusal);
        Assert.Contains($"consent {revoked.Id} is revoked", refusal);
        Assert.Contains("'contact'", refusal);
        Assert.Contains($"'{Recipient}'", refusal);
    }

    [Fact]
    public void Finds_the_one_of_two_consents_that_covers_every_category()
    {
        var partial = ConsentFor(Recipient, "identity");
        var full = ConsentFor(Recipient, "identity", "health", "case-notes");

        var (consent, refusal) = ConsentGate.Check(["identity", "health"], Recipient, [partial, full], Now);

        Assert.Null(refusal);
        Assert.Same(full, consent);
    }

    [Fact]
    public void Does_not_combine_two_consents_that_each_cover_part()
    {
        // Each consent stands alone: one disclosure goes under one consent, which must cover it all.
        var identity = ConsentFor(Recipient, "identity");
        var health = ConsentFor(Recipient, "health");

        var (consent, refusal) = ConsentGate.Check(["identity", "health"], Recipient, [identity, health], Now);

        Assert.Null(consent);
        Assert.NotNull(refusal);
        Assert.Contains($"'{Recipient}'", refusal);
    }

    [Fact]
    public void Ignores_a_revoked_consent_beside_an_active_one_that_covers()
    {
        var revoked = ConsentFor(Recipient, "identity", "contact");
        revoked.RevokedAt = Now.AddDays(-1);
        var active = ConsentFor(Recipient, "contact");

        Assert.Same(active, ConsentGate.Check(["contact"], Recipient, [revoked, active], Now).Consent);
        Assert.Null(ConsentGate.Check(["identity"], Recipient, [revoked, active], Now).Consent);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("Identity")]
    [InlineData("everything")]
    public void Refuses_an_unknown_category(string category)
    {
        var (consent, refusal) = ConsentGate.Check([category], Recipient, [ConsentFor(Recipient, "identity", "contact", "health", "legal-status", "case-notes")], Now);

        Assert.Null(consent);
        Assert.NotNull(refusal);
        Assert.Contains($"'{category}' is not a data category", refusal);
    }

    static Survivor Profile() => new()
    {
        Id = "sv-1",
        OrganisationId = "justice-bridge",
        Profile = new()
        {
            GivenName = "given",
            FamilyName = "family",
            DateOfBirth = new DateOnly(1991, 7, 23),
            Gender = "gender",
            Phone = "phone",
            Email = "mail@example.org",
            HealthNotes = "health",
            LegalStatusNotes = "legal",
            CaseNotes = "case",
        },
        Languages = ["es"],
        Dependants = 1,
    };

    [Fact]
    public void Selects_nothing_when_nothing_is_shared() => Assert.Null(ConsentGate.Select(Profile(), [], "a note"));

    [Theory]
    [InlineData("identity")]
    [InlineData("contact")]
    [InlineData("health")]
    [InlineData("legal-status")]
    [InlineData("case-notes")]
    [InlineData("identity", "contact")]
    [InlineData("health", "legal-status", "case-notes")]
    [InlineData("identity", "contact", "health", "legal-status", "case-notes")]
    public void Selects_exactly_the_fields_of_the_shared_categories(params string[] categories)
    {
        var shared = ConsentGate.Select(Profile(), categories, "the note");

        Assert.NotNull(shared);
        bool has(string c) => categories.Contains(c);
        Assert.Equal(has("identity") ? "given" : null, shared.GivenName);
        Assert.Equal(has("identity") ? "family" : null, shared.FamilyName);
        Assert.Equal(has("identity") ? new DateOnly(1991, 7, 23) : null, shared.DateOfBirth);
        Assert.Equal(has("identity") ? "gender" : null, shared.Gender);
        Assert.Equal(has("contact") ? "phone" : null, shared.Phone);
        Assert.Equal(has("contact") ? "mail@example.org" : null, shared.Email);
        Assert.Equal(has("health") ? "health" : null, shared.HealthNotes);
        Assert.Equal(has("legal-status") ? "legal" : null, shared.LegalStatusNotes);
        Assert.Equal(has("case-notes") ? "case" : null, shared.CaseNotes);
        Assert.Equal(has("case-notes") ? "the note" : null, shared.Note);
    }
}
