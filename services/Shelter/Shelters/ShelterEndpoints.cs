using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ReferralNet.Contracts.Api;
using ReferralNet.Messaging.Data;
using ReferralNet.ServiceDefaults.Http;
using ReferralNet.ServiceDefaults.Identity;
using ReferralNet.Shelter.Data;

namespace ReferralNet.Shelter.Shelters;

public static class ShelterEndpoints
{
    public static IEndpointRouteBuilder MapShelters(this IEndpointRouteBuilder app)
    {
        // The caller's own shelters, by id; never with the street address (see below).
        app.MapGet("/api/shelters", async (HttpContext http, ClaimsPrincipal user, ShelterDbContext db, CancellationToken ct) =>
        {
            var (page, problem) = PageRequest.Read(http.Request);
            if (problem is not null) return problem;
            if (page!.Since is not null)
                return Problems.BadRequest("shelters have no time to filter by; leave out since");
            var organisationId = user.OrganisationIdOf();
            var (shelters, next) = await db.Shelters.AsNoTracking()
                .Where(s => s.OrganisationId == organisationId)
                .PageAsync(page, s => s.Id, s => s.Id, ct);
            return page.Answer(http, shelters.Select(s => new
            {
                s.Id, s.Name, s.Area, s.Languages, s.Accessible, s.ChildrenAccepted,
                intake = new { name = s.IntakeName, phone = s.IntakePhone, email = s.IntakeEmail },
            }), next);
        }).RequireAuthorization(AccessPolicies.ShelterStaff);

        // Shelter addresses are confidential: the one place one is shown is this explicit request,
        // answered only to the organisation that runs the shelter.
        app.MapGet("/api/shelters/{id}/address", async (string id, ClaimsPrincipal user, ShelterDbContext db, CancellationToken ct) =>
        {
            var shelter = await db.Shelters.AsNoTracking().Where(s => s.Id == id)
                .Select(s => new { s.OrganisationId, s.StreetAddress }).FirstOrDefaultAsync(ct);
            if (shelter is null)
                return Problems.NotFound($"there is no shelter '{id}'");
            return shelter.OrganisationId == user.OrganisationIdOf()
                ? Results.Ok(new ShelterAddress(id, shelter.StreetAddress))
                : Problems.Forbidden($"only the organisation that runs shelter '{id}' sees its address; partners use its intake contact");
        }).RequireAuthorization(AccessPolicies.ShelterStaff);
        return app;
    }
}
