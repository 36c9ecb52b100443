using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ReferralNet.ServiceDefaults.Http;
using ReferralNet.ServiceDefaults.Identity;
using ReferralNet.Shelter.Data;

namespace ReferralNet.Shelter.Beds;

public static class BedEndpoints
{
    public static IEndpointRouteBuilder MapBeds(this IEndpointRouteBuilder app)
    {
        var beds = app.MapGroup("/api/shelters/{shelterId}/beds");

        // Bed counts are not personal and are published to every service anyway; any partner may read them.
        beds.MapGet("", async (string shelterId, ShelterDbContext db, BedLedger ledger, CancellationToken ct) =>
        {
            if (!await db.Shelters.AnyAsync(s => s.Id == shelterId, ct))
                return Problems.NotFound($"there is no shelter '{shelterId}'; GET /api/shelters lists yours");
            var counts = await ledger.CountsAsync(shelterId, ct);
            return Results.Ok(counts.Select(c => new { c.BedType, c.Total, c.Occupied, c.Held, c.Free }));
        }).RequireAuthorization(AccessPolicies.Partner);

        beds.MapPut("/{bedType}", async (string shelterId, string bedType, HttpRequest request, ClaimsPrincipal user, BedLedger ledger, CancellationToken ct) =>
        {
            var (update, problem) = await JsonBody.ReadAsync<BedCountUpdate>(request, ct);
            if (problem is not null)
                return problem;
            var outcome = await ledger.SetCountAsync(user.OrganisationIdOf(), shelterId, bedType, update!.Total, update.Occupied, ct);
            return outcome.ToHttp(c => Results.Ok(new { c.BedType, c.Total, c.Occupied, c.Held, c.Free }));
        }).RequireAuthorization(AccessPolicies.ShelterStaff);
        return app;
    }
}
