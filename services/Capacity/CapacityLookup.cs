using Microsoft.EntityFrameworkCore;
using ReferralNet.Messaging.Data;
using ReferralNet.ServiceDefaults.Identity;

namespace ReferralNet.Capacity;

/// <summary>What the gRPC lookups of a service share: finding offerings with open capacity.</summary>
public sealed class CapacityLookup(ReferralNetDbContext db, OrganisationDirectory directory, CapacityTerms terms)
{
    /// <summary>The service's wording and codes.</summary>
    public CapacityTerms Terms => terms;

    /// <summary>
    /// Offerings with at least one open unit that match every filter set (empty means any):
    /// a code (short or full), the organisation's area, a language. Ordered by area, organisation, code.
    /// Call <see cref="CapacityTerms.Check"/> on the code first.
    /// </summary>
    public async Task<IReadOnlyList<OpenOffering>> FindOpenAsync(string code, string area, string language, CancellationToken ct)
    {
        var query = db.Set<Offering>().AsNoTracking().Where(o => o.InUse < o.Total);
        if (code.Length > 0)
        {
            var service = terms.ServiceOf(code);
            query = query.Where(o => o.Service == service);
        }
        var offerings = await query.ToListAsync(ct);
        return offerings
            .Where(o => language.Length == 0 || o.Languages.Contains(language))
            .Select(o => directory.Find(o.OrganisationId) is { } organisation ? new OpenOffering(o, organisation) : null)
            .OfType<OpenOffering>()
            .Where(o => area.Length == 0 || o.Organisation.Area == area)
            .OrderBy(o => o.Organisation.Area, StringComparer.Ordinal)
            .ThenBy(o => o.Organisation.Name, StringComparer.Ordinal)
            .ThenBy(o => o.Offering.Service, StringComparer.Ordinal)
            .ToList();
    }
}
