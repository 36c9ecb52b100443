using ReferralNet.Messaging.Data;
using ReferralNet.ServiceDefaults.Http;
using ReferralNet.Contracts.Api;
using ReferralNet.ServiceDefaults.Outcomes;

namespace ReferralNet.Referrals.Survivors;

/// <summary>Survivors' profiles, held only by the organisation that registered them.</summary>
public sealed class SurvivorRecords(ReferralNetDbContext db, TimeProvider clock)
{
    DbSet<Survivor> Survivors => db.Set<Survivor>();

    public async Task<Result<Survivor>> RegisterSurvivorAsync(string organisationId, SurvivorRegistration registration, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (registration.Dependants is < 0 or > 30)
            return Result<Survivor>.Invalid("dependants must be between 0 and 30");
        if (registration.DateOfBirth is { } born && born > DateOnly.FromDateTime(now.UtcDateTime))
            return Result<Survivor>.Invalid("dateOfBirth is in the future");
        if (registration.Email is { Length: > 0 } email && !email.Contains('@'))
            return Result<Survivor>.Invalid("email is not an e-mail address");
        if (TooLong(registration) is { } tooLong)
            return Result<Survivor>.Invalid(tooLong);
        var (languages, languageProblem) = LanguageTags.Check(registration.Languages);
        if (languageProblem is not null)
            return Result<Survivor>.Invalid(languageProblem);
        if (NeedsProblem(registration.Needs) is { } needsProblem)
            return Result<Survivor>.Invalid(needsProblem);

        var survivor = new Survivor
        {
            Id = RecordIds.New("sv"),
            OrganisationId = organisationId,
            Profile = new SurvivorProfile
            {
                GivenName = registration.GivenName,
                FamilyName = registration.FamilyName,
                DateOfBirth = registration.DateOfBirth,
                Gender = registration.Gender,
                Phone = registration.Phone,
                Email = registration.Email,
                HealthNotes = registration.HealthNotes,
                LegalStatusNotes = registration.LegalStatusNotes,
                CaseNotes = registration.CaseNotes,
            },
            Languages = languages,
            Dependants = registration.Dependants,
            Needs = registration.Needs?.ToList() ?? [],
            CreatedAt = now,
        };
        Survivors.Add(survivor);
        await db.SaveChangesAsync(ct);
        return Result<Survivor>.Ok(survivor);
    }

    /// <summary>The organisation's own survivor of that id, or null.</summary>
    public static Task<Survivor?> FindAsync(ReferralNetDbContext db, string organisationId, string survivorId, CancellationToken ct) =>
        db.Set<Survivor>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == survivorId && s.OrganisationId == organisationId, ct);

    public Task<Survivor?> FindSurvivorAsync(string organisationId, string survivorId, CancellationToken ct) =>
        FindAsync(db, organisationId, survivorId, ct);

    /// <summary>One page of an organisation's own survivors, oldest first (registered at, id).</summary>
    public Task<(IReadOnlyList<Survivor> Items, string? Next)> SurvivorsOfAsync(string organisationId, PageRequest page, CancellationToken ct) =>
        Survivors.AsNoTracking().Where(s => s.OrganisationId == organisationId)
            .Since(page, s => s.CreatedAt)
            .PageAsync(page, s => s.CreatedAt, s => s.Id, ct);

    static string? TooLong(SurvivorRegistration r) => TextLimits.Check(
        ("givenName", r.GivenName, TextLimits.Name), ("familyName", r.FamilyName, TextLimits.Name), ("phone", r.Phone, TextLimits.Phone),
        ("email", r.Email, TextLimits.Email), ("gender", r.Gender, TextLimits.Gender), ("healthNotes", r.HealthNotes, TextLimits.Notes),
        ("legalStatusNotes", r.LegalStatusNotes, TextLimits.Notes), ("caseNotes", r.CaseNotes, TextLimits.Notes));

    // Needs travel in referrals without consent too ("accessibility"): short codes, never free text.
    static string? NeedsProblem(IReadOnlyList<string?>? needs)
    {
        if (needs is null)
            return null;
        if (needs.Count > TextLimits.MaxNeeds)
            return $"needs has {needs.Count} entries; at most {TextLimits.MaxNeeds} may be recorded";
        for (var i = 0; i < needs.Count; i++)
            if (needs[i] is not { Length: > 0 and <= TextLimits.Code } need || !need.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
                return $"needs[{i}] is not a need code: use short lower-case codes such as accessibility (letters, digits and dashes, at most {TextLimits.Code})";
        return null;
    }
}
