using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReferralNet.Contracts.Api;
using ReferralNet.ServiceDefaults.Http;

namespace ReferralNet.Referrals.Survivors;

/// <summary><c>/api/survivors</c>: an organisation registers and lists its own survivors.</summary>
public static class SurvivorEndpoints
{
    /// <summary>Maps the survivor endpoints under <paramref name="api"/>.</summary>
    public static void MapSurvivors(this RouteGroupBuilder api)
    {
        api.MapPost("/survivors", async (HttpRequest request, ClaimsPrincipal user, SurvivorRecords survivors, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<SurvivorRegistration>(request, ct);
            if (problem is not null) return problem;
            var result = await survivors.RegisterSurvivorAsync(user.OrganisationIdOf(), body!, ct);
            return result.ToHttp(s => Results.Created($"/api/survivors/{s.Id}", new CreatedId(s.Id)));
        });

        // Names are the caseworker's own records, shown in the portal's lists; they never go in a URL.
        api.MapGet("/survivors", async (HttpContext http, ClaimsPrincipal user, SurvivorRecords survivors, CancellationToken ct) =>
        {
            var (page, problem) = PageRequest.Read(http.Request);
            if (problem is not null) return problem;
            var (items, next) = await survivors.SurvivorsOfAsync(user.OrganisationIdOf(), page!, ct);
            return page!.Answer(http, items.Select(s => new SurvivorSummary(s.Id, s.Profile.GivenName, s.Profile.FamilyName, s.CreatedAt)), next);
        });

        api.MapGet("/survivors/{id}", async (string id, ClaimsPrincipal user, SurvivorRecords survivors, CancellationToken ct) =>
            await survivors.FindSurvivorAsync(user.OrganisationIdOf(), id, ct) is { } survivor
                ? Results.Ok(survivor.ToView())
                : Problems.NotFound($"there is no survivor '{id}' of yours")).RequireIdShape(RecordIds.Survivor, "survivor");
    }
}
