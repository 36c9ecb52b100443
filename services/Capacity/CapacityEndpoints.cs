using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using ReferralNet.Messaging.Data;
using ReferralNet.ServiceDefaults.Identity;

namespace ReferralNet.Capacity;

/// <summary>The capacity REST API.</summary>
public static class CapacityEndpoints
{
    /// <summary>
    /// Maps <c>GET /api/capacity</c>: the calling organisation's own offerings with total, in use
    /// and open units.
    /// </summary>
    public static IEndpointRouteBuilder MapCapacity(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/capacity", async (ClaimsPrincipal user, ReferralNetDbContext db, CancellationToken ct) =>
        {
            var organisationId = user.OrganisationIdOf();
            var offerings = await db.Set<Offering>().AsNoTracking()
                .Where(o => o.OrganisationId == organisationId)
                .OrderBy(o => o.Service)
                .ToListAsync(ct);
            return Results.Ok(offerings.Select(o => new { o.Service, o.Name, o.Languages, o.Total, o.InUse, o.Open }));
        });
        return app;
    }
}
