using ReferralNet.ServiceDefaults.Http;
using ReferralNet.Messaging.Data;
using ReferralNet.Contracts.Api;
using ReferralNet.Referrals.Survivors;
using ReferralNet.ServiceDefaults.Outcomes;

namespace ReferralNet.Referrals.Consent;

/// <summary>The referring organisation records its survivors' consents and reads them back with each recipient's purge state.</summary>
public sealed class ConsentRecords(ReferralNetDbContext db, OrganisationDirectory directory, TimeProvider clock)
{
    /// <summary>Consent may last at most this long.</summary>
    public static readonly TimeSpan MaxConsent = TimeSpan.FromDays(90);

    DbSet<ConsentRecord> Consents => db.Set<ConsentRecord>();
    DbSet<Disclosure> Disclosures => db.Set<Disclosure>();

    public async Task<Result<ConsentRecord>> RecordConsentAsync(string organisationId, string survivorId, ConsentRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (TextLimits.Check(("purpose", request.Purpose, TextLimits.Purpose), ("witness", request.Witness, TextLimits.Witness)) is { } tooLong)
            return Result<ConsentRecord>.Invalid(tooLong);
        if (await SurvivorRecords.FindAsync(db, organisationId, survivorId, ct) is null)
            return Result<ConsentRecord>.NotFound($"there is no survivor '{survivorId}' of yours");
        if (directory.RecipientProblem(organisationId, request.RecipientOrgId) is { } recipientProblem)
            return Result<ConsentRecord>.Invalid(recipientProblem);
        if (request.Categories is null || request.Categories.Count == 0)
            return Result<ConsentRecord>.Invalid($"categories is empty: name at least one of {string.Join(", ", ConsentCategories.All)}");
        if (request.Categories.FirstOrDefault(c => !ConsentCategories.IsKnown(c)) is { } unknown)
            return Result<ConsentRecord>.Invalid($"'{unknown}' is not a data category; use: {string.Join(", ", ConsentCategories.All)}");
        if (!Codes.TryParse<ConsentMethod>(request.Method, out var method))
            return Result<ConsentRecord>.Invalid("method must be 'written' or 'verbal'");
        if (method == ConsentMethod.Verbal && string.IsNullOrWhiteSpace(request.Witness))
            return Result<ConsentRecord>.Invalid("verbal consent needs a witness: name who heard it");
        var givenAt = request.GivenAt ?? now;
        if (givenAt > now.AddMinutes(5))
            return Result<ConsentRecord>.Invalid("givenAt is in the future");
        var expiresAt = request.ExpiresAt ?? givenAt + MaxConsent;
        if (expiresAt <= now)
            return Result<ConsentRecord>.Invalid("expiresAt is already past");
        if (expiresAt > givenAt + MaxConsent)
            return Result<ConsentRecord>.Invalid($"expiresAt may be at most 90 days after the consent was given ({(givenAt + MaxConsent):yyyy-MM-dd}); record a new consent then");

        var consent = new ConsentRecord
        {
            Id = RecordIds.New("c"),
            SurvivorId = survivorId,
            OrganisationId = organisationId,
            RecipientOrganisationId = request.RecipientOrgId,
            Categories = request.Categories.Distinct().ToList(),
            Purpose = string.IsNullOrWhiteSpace(request.Purpose) ? "referral" : request.Purpose,
            Method = method,
            Witness = request.Witness,
            RecordedBy = organisationId,
            GivenAt = givenAt,
            ExpiresAt = expiresAt,
        };
        Consents.Add(consent);
        await db.SaveChangesAsync(ct);
        return Result<ConsentRecord>.Ok(consent);
    }

    public async Task<Result<ConsentView>> ConsentAsync(string organisationId, string consentId, CancellationToken ct)
    {
        var consent = await Consents.AsNoTracking().FirstOrDefaultAsync(c => c.Id == consentId && c.OrganisationId == organisationId, ct);
        if (consent is null)
            return Result<ConsentView>.NotFound($"there is no consent '{consentId}' of yours");
        var disclosures = await Disclosures.AsNoTracking()
            .Where(d => d.OrganisationId == organisationId && d.ConsentId == consentId)
            .OrderBy(d => d.Id)
            .ToListAsync(ct);
        return Result<ConsentView>.Ok(consent.ToView(disclosures, clock.GetUtcNow()));
    }

    /// <summary>Every consent recorded for one of the organisation's survivors, newest first, with each recipient's purge state; null for a survivor not its own.</summary>
    public async Task<(IReadOnlyList<ConsentView> Items, string? Next)?> ConsentsOfAsync(string organisationId, string survivorId, PageRequest page, CancellationToken ct)
    {
        if (await SurvivorRecords.FindAsync(db, organisationId, survivorId, ct) is null)
            return null;
        var (consents, next) = await Consents.AsNoTracking().Where(c => c.SurvivorId == survivorId && c.OrganisationId == organisationId)
            .Since(page, c => c.GivenAt)
            .PageAsync(page, c => c.GivenAt, c => c.Id, ct);
        var ids = consents.Select(c => c.Id).ToList();
        var disclosures = await Disclosures.AsNoTracking().Where(d => d.OrganisationId == organisationId && ids.Contains(d.ConsentId)).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return (consents
            .Select(c => c.ToView(disclosures.Where(d => d.ConsentId == c.Id).OrderBy(d => d.Id).ToList(), now))
            .ToList(), next);
    }
}
