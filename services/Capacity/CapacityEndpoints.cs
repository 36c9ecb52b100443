using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using ReferralNet.Messaging.Data;
using ReferralNet.ServiceDefaults.Http;
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
        app.MapGet("/api/capacity", async (HttpContext http, ClaimsPrincipal user, ReferralNetDbContext db, CancellationToken ct) =>
        {
            var (page, problem) = PageRequest.Read(http.Request);
            if (problem is not null) return problem;
            if (page!.Since is not null)
                return Problems.BadRequest("offerings have no time to filter by; leave out since");
            var organisationId = user.OrganisationIdOf();
            var (offerings, next) = await db.Set<Offering>().AsNoTracking()
                .Where(o => o.OrganisationId == organisationId)
                .PageAsync(page, o => o.Service, o => o.Service, ct);
            return page.Answer(http, offerings.Select(o => new { o.Service, o.Name, o.Languages, o.Total, o.InUse, o.Open }), next);
        }).RequireAuthorization(AccessPolicies.Partner);
        return app;
    }
}
