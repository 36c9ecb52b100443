using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReferralNet.Referrals.Consent;
using ReferralNet.ServiceDefaults;
using ReferralNet.ServiceDefaults.Http;
using ReferralNet.ServiceDefaults.Identity;
using ReferralNet.Referrals.Operations;
using ReferralNet.Referrals.Survivors;
using ReferralNet.Contracts.Referrals;

namespace ReferralNet.Referrals;

/// <summary>The referral engine's REST API: survivors, consent, referrals, audit.</summary>
public static class ReferralEndpoints
{
    /// <summary>
    /// Maps the engine's endpoints; each answers only organisations this service hosts. The
    /// operator's view of the same referrals (<see cref="OperationsEndpoints"/>) comes with them.
    /// </summary>
    public static IEndpointRouteBuilder MapReferralEngine(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter(HostedOrganisationsOnly);

        api.MapPost("/survivors", async (HttpRequest request, ClaimsPrincipal user, ReferralEngine engine, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<SurvivorRegistration>(request, ct);
            if (problem is not null) return problem;
            var outcome = await engine.RegisterSurvivorAsync(user.OrganisationIdOf(), body!, ct);
            return outcome.ToResult(s => Results.Created($"/api/survivors/{s.Id}", new { id = s.Id }));
        });

        // Names are the caseworker's own records, shown in the portal's lists; they never go in a URL.
        api.MapGet("/survivors", async (ClaimsPrincipal user, ReferralEngine engine, CancellationToken ct) =>
            Results.Ok((await engine.SurvivorsOfAsync(user.OrganisationIdOf(), ct))
                .Select(s => new { s.Id, s.GivenName, s.FamilyName, s.CreatedAt })));

        api.MapGet("/survivors/{id}/consents", async (string id, ClaimsPrincipal user, ReferralEngine engine, CancellationToken ct) =>
            await engine.ConsentsOfAsync(user.OrganisationIdOf(), id, ct) is { } consents
                ? Results.Ok(consents)
                : Problems.NotFound($"there is no survivor '{id}' of yours"));

        api.MapGet("/survivors/{id}", async (string id, ClaimsPrincipal user, ReferralEngine engine, CancellationToken ct) =>
            await engine.FindSurvivorAsync(user.OrganisationIdOf(), id, ct) is { } survivor
                ? Results.Ok(survivor)
                : Problems.NotFound($"there is no survivor '{id}' of yours"));

        api.MapPost("/survivors/{id}/consents", async (string id, HttpRequest request, ClaimsPrincipal user, ReferralEngine engine, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<ConsentRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await engine.RecordConsentAsync(user.OrganisationIdOf(), id, body!, ct);
            return outcome.ToResult(c => Results.Created($"/api/consents/{c.Id}", new { id = c.Id, expiresAt = c.ExpiresAt }));
        });

        api.MapGet("/consents/{id}", async (string id, ClaimsPrincipal user, ReferralEngine engine, CancellationToken ct) =>
            (await engine.ConsentAsync(user.OrganisationIdOf(), id, ct)).ToResult(Results.Ok));

        api.MapPost("/consents/{id}/revoke", async (string id, HttpRequest request, ClaimsPrincipal user, ReferralEngine engine, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<RevocationRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await engine.RevokeAsync(user.OrganisationIdOf(), id, body!.Reason, ct);
            return outcome.ToResult(c => Results.Ok(new { id = c.Id, status = ConsentStatuses.Revoked, revokedAt = c.RevokedAt }));
        });

        api.MapPost("/referrals", async (HttpRequest request, ClaimsPrincipal user, ReferralEngine engine, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<ReferralRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await engine.SendAsync(user.OrganisationIdOf(), body!, ct);
            return outcome.ToResult(r => Results.Created($"/api/referrals/{r.Id}", new { id = r.Id, status = r.Status }));
        });

        api.MapGet("/referrals", async (string? direction, string? status, ClaimsPrincipal user, ReferralEngine engine, TimeProvider clock, CancellationToken ct) =>
        {
            var query = engine.VisibleTo(user.OrganisationIdOf());
            if (direction is not (null or "sent" or "received"))
                return Problems.BadRequest("direction must be 'sent' or 'received'");
            if (status is not null && !ReferralStatuses.All.Contains(status))
                return Problems.BadRequest($"'{status}' is not a referral status; use one of: {string.Join(", ", ReferralStatuses.All)}");
            if (direction is not null) query = query.Where(r => r.Side == (direction == "sent" ? ReferralSide.Requester : ReferralSide.Recipient));
            if (status is not null) query = query.Where(r => r.Status == status);
            var now = clock.GetUtcNow();
            var referrals = await query.ToListAsync(ct);
            // Overdue and urgent first, then newest.
            return Results.Ok(referrals
                .OrderByDescending(r => r.IsOverdueAt(now))
                .ThenBy(r => ReferralPriorities.Deadline(r.Priority))
                .ThenByDescending(r => r.RequestedAt)
                .Select(r => ReferralView.Of(r, now)));
        });

        api.MapGet("/referrals/{id}", async (string id, ClaimsPrincipal user, ReferralEngine engine, TimeProvider clock, CancellationToken ct) =>
            await engine.VisibleTo(user.OrganisationIdOf()).FirstOrDefaultAsync(r => r.Id == id, ct) is { } referral
                ? Results.Ok(ReferralView.Of(referral, clock.GetUtcNow()))
                : Problems.NotFound($"there is no referral '{id}' of yours"));

        api.MapPost("/referrals/{id}/status", async (string id, HttpRequest request, ClaimsPrincipal user, ReferralEngine engine, TimeProvider clock, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<StatusChangeRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await engine.ChangeStatusAsync(user.OrganisationIdOf(), id, body!, ct);
            return outcome.ToResult(r => Results.Ok(ReferralView.Of(r, clock.GetUtcNow())));
        });

        api.MapGet("/referrals/{id}/audit", async (string id, ClaimsPrincipal user, ReferralEngine engine, CancellationToken ct) =>
            await engine.AuditAsync(user.OrganisationIdOf(), id, ct) is { } entries
                ? Results.Ok(entries.Select(e => new { e.At, actor = e.ActorOrganisationId, e.Action, from = e.FromStatus, to = e.ToStatus, e.Reason, e.Categories }))
                : Problems.NotFound($"there is no referral '{id}' of yours"));

        app.MapOperations();
        return app;
    }

    // Survivors' data stays in the service of the organisation that holds it: another service's
    // organisation (or an operator) gets a 403 that says where to go.
    static async ValueTask<object?> HostedOrganisationsOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var kind = http.User.FindFirst(OrganisationClaims.Kind)?.Value ?? "";
        var service = http.RequestServices.GetService(typeof(IOptions<ReferralNetOptions>)) is IOptions<ReferralNetOptions> options ? options.Value.ServiceName : "";
        var home = ServiceNames.ForKind(kind);
        if (home is null)
            return Problems.Forbidden("operators see the network's health, never survivors or referrals");
        if (home != service)
            return Problems.Forbidden($"your organisation's referrals are kept by the {home} service; call that service's API");
        return await next(context);
    }
}
