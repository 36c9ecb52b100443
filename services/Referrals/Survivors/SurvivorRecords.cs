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
        if (TooLong(registration) is { } field)
            return Result<Survivor>.Invalid($"{field} is longer than {RecordIds.MaxText} characters");

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
            Languages = registration.Languages?.ToList() ?? [],
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

    static string? TooLong(SurvivorRegistration r) =>
        new (string Name, string? Value)[]
        {
            ("givenName", r.GivenName), ("familyName", r.FamilyName), ("phone", r.Phone), ("email", r.Email), ("gender", r.Gender),
            ("healthNotes", r.HealthNotes), ("legalStatusNotes", r.LegalStatusNotes), ("caseNotes", r.CaseNotes),
        }.FirstOrDefault(f => f.Value?.Length > RecordIds.MaxText).Name;
}
