using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralNet.Messaging.Data;
using ReferralNet.ServiceDefaults.Identity;
using ReferralNet.ServiceDefaults.Seeds;

namespace ReferralNet.Capacity;

/// <summary>
/// Loads a service's offerings from a seeds file: per organisation, its intake contact and one
/// entry per service code, with languages, <c>total</c> and <c>inUse</c>.
/// </summary>
public static class CapacitySeeder
{
    /// <summary>A seed step for <c>InitialiseDatabaseAsync</c> that loads <paramref name="fileName"/>.</summary>
    public static Func<ReferralNetDbContext, IServiceProvider, Task> From(string fileName) =>
        (db, services) => SeedAsync(db, services, fileName);

    /// <summary>
    /// Adds every offering of the file and saves. Fails on an entry that does not fit: a service
    /// code the service does not track, or one its organisation does not offer.
    /// </summary>
    public static async Task SeedAsync(ReferralNetDbContext db, IServiceProvider services, string fileName)
    {
        var terms = services.GetRequiredService<CapacityTerms>();
        var directory = services.GetRequiredService<OrganisationDirectory>();
        foreach (var seed in services.GetRequiredService<SeedFiles>().Read<ProviderSeed>(fileName))
        {
            var organisation = directory.Find(seed.OrganisationId)
                ?? throw new InvalidOperationException($"{fileName}: there is no organisation '{seed.OrganisationId}' in organisations.json");
            foreach (var offering in seed.Offerings)
            {
                if (terms.Check(offering.Service) is not null || !offering.Service.StartsWith(terms.Prefix, StringComparison.Ordinal))
                    throw new InvalidOperationException($"{fileName}: '{offering.Service}' of '{seed.OrganisationId}' is not a {terms.CodeName} code; use {terms.Prefix}<code> with one of: {string.Join(", ", terms.Codes)}");
                if (!organisation.Offers(offering.Service))
                    throw new InvalidOperationException($"{fileName}: '{seed.OrganisationId}' does not offer '{offering.Service}' in organisations.json");
                if (offering.Total < 0 || offering.InUse < 0 || offering.InUse > offering.Total)
                    throw new InvalidOperationException($"{fileName}: '{seed.OrganisationId}' {offering.Service} needs 0 <= inUse <= total (got {offering.InUse} of {offering.Total})");
                db.Set<Offering>().Add(new Offering
                {
                    OrganisationId = seed.OrganisationId,
                    Service = offering.Service,
                    Name = offering.Name,
                    Description = offering.Description,
                    Languages = offering.Languages,
                    IntakeName = seed.Intake.Name,
                    IntakePhone = seed.Intake.Phone,
                    IntakeEmail = seed.Intake.Email,
                    Total = offering.Total,
                    InUse = offering.InUse,
                    Version = 1,
                });
            }
        }
        await db.SaveChangesAsync();
    }

    sealed record ProviderSeed(string OrganisationId, IntakeSeed Intake, List<OfferingSeed> Offerings);

    sealed record IntakeSeed(string Name, string Phone, string Email);

    sealed record OfferingSeed(string Service, string Name, string? Description, List<string> Languages, int Total, int InUse);
}
