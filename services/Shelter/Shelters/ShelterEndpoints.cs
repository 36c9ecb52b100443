using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ReferralNet.ServiceDefaults.Identity;
using ReferralNet.Shelter.Data;

namespace ReferralNet.Shelter.Shelters;

public static class ShelterEndpoints
{
    public static IEndpointRouteBuilder MapShelters(this IEndpointRouteBuilder app)
    {
        // Only the caller's own shelters: this is the one place a shelter's street address is shown.
        app.MapGet("/api/shelters", async (ClaimsPrincipal user, ShelterDbContext db, CancellationToken ct) =>
        {
            var organisationId = user.OrganisationIdOf();
            var shelters = await db.Shelters.AsNoTracking()
                .Where(s => s.OrganisationId == organisationId)
                .OrderBy(s => s.Name)
                .ToListAsync(ct);
            return Results.Ok(shelters.Select(s => new
            {
                s.Id, s.Name, s.Area, s.Languages, s.Accessible, s.ChildrenAccepted, s.StreetAddress,
                intake = new { name = s.IntakeName, phone = s.IntakePhone, email = s.IntakeEmail },
            }));
        });
        return app;
    }
}
