using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReferralNet.Contracts.Api;
using ReferralNet.ServiceDefaults.Http;

namespace ReferralNet.Referrals.Consent;

/// <summary>Recording and reading consents: <c>/api/survivors/{id}/consents</c> and <c>GET /api/consents/{id}</c>.</summary>
public static class ConsentEndpoints
{
    /// <summary>Maps the consent endpoints under <paramref name="api"/>.</summary>
    public static void MapConsents(this RouteGroupBuilder api)
    {
        api.MapGet("/survivors/{id}/consents", async (string id, HttpContext http, ClaimsPrincipal user, ConsentRecords consents, CancellationToken ct) =>
        {
            var (page, problem) = PageRequest.Read(http.Request);
            if (problem is not null) return problem;
            return await consents.ConsentsOfAsync(user.OrganisationIdOf(), id, page!, ct) is { } views
                ? page!.Answer(http, views.Items, views.Next)
                : Problems.NotFound($"there is no survivor '{id}' of yours");
        }).RequireIdShape(RecordIds.Survivor, "survivor");

        api.MapPost("/survivors/{id}/consents", async (string id, HttpRequest request, ClaimsPrincipal user, ConsentRecords consents, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<ConsentRequest>(request, ct);
            if (problem is not null) return problem;
            var result = await consents.RecordConsentAsync(user.OrganisationIdOf(), id, body!, ct);
            return result.ToHttp(c => Results.Created($"/api/consents/{c.Id}", new ConsentCreated(c.Id, c.ExpiresAt)));
        }).RequireIdShape(RecordIds.Survivor, "survivor");

        api.MapGet("/consents/{id}", async (string id, ClaimsPrincipal user, ConsentRecords consents, CancellationToken ct) =>
            (await consents.ConsentAsync(user.OrganisationIdOf(), id, ct)).ToHttp(Results.Ok)).RequireIdShape(RecordIds.Consent, "consent");
    }
}
