using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using ReferralNet.Referrals.Audit;
using ReferralNet.Referrals.Consent;
using ReferralNet.Referrals.Revocation;
using ReferralNet.Referrals.Sending;
using ReferralNet.Referrals.StatusChanges;
using ReferralNet.ServiceDefaults;
using ReferralNet.Messaging.Data;
using ReferralNet.ServiceDefaults.Http;
using ReferralNet.Referrals.Operations;
using ReferralNet.Referrals.Survivors;

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

        var casework = api.MapGroup("").RequireAuthorization(AccessPolicies.Caseworker);
        casework.MapSurvivors();
        casework.MapConsents();
        casework.MapRevocation();
        casework.MapSending();
        api.MapStatusChanges();
        var reading = api.MapGroup("").RequireAuthorization(AccessPolicies.ReferralReader);
        reading.MapAudit();

        // Oldest first by (requested at, id); the portal orders its inbox (overdue and urgent first) itself.
        reading.MapGet("/referrals", async (string? direction, string? status, HttpContext http, ClaimsPrincipal user, ReferralNetDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var (page, problem) = PageRequest.Read(http.Request);
            if (problem is not null) return problem;
            var query = VisibleTo(db, user.OrganisationIdOf());
            if (direction is not (null or "sent" or "received"))
                return Problems.BadRequest("direction must be 'sent' or 'received'");
            // Intake staff see the receiving side only; with no direction asked, that is what they get.
            if (ReferralAccess.ReadableSide(user) is { } only)
            {
                if (direction is not null && (direction == "sent") != (only == ReferralSide.Requester))
                    return Problems.Forbidden(ReferralAccess.ReadRefusal(only == ReferralSide.Requester ? ReferralSide.Recipient : ReferralSide.Requester));
                direction = only == ReferralSide.Requester ? "sent" : "received";
            }
            ReferralStatus wanted = default;
            if (status is not null && !Codes.TryParse(status, out wanted))
                return Problems.BadRequest(ReferralLifecycle.NotAStatus(status));
            if (direction is not null) query = query.Where(r => r.Side == (direction == "sent" ? ReferralSide.Requester : ReferralSide.Recipient));
            if (status is not null) query = query.Where(r => r.Status == wanted);
            var now = clock.GetUtcNow();
            var (referrals, next) = await query.Since(page!, r => r.UpdatedAt).PageAsync(page!, r => r.RequestedAt, r => r.Id, ct);
            return page!.Answer(http, referrals.Select(r => r.ToView(now)), next);
        });

        reading.MapGet("/referrals/{id}", async (string id, ClaimsPrincipal user, ReferralNetDbContext db, TimeProvider clock, CancellationToken ct) =>
            await VisibleTo(db, user.OrganisationIdOf()).FirstOrDefaultAsync(r => r.Id == id, ct) is not { } referral
                ? Problems.NotFound($"there is no referral '{id}' of yours")
                : ReferralAccess.MayRead(user, referral.Side)
                    ? Results.Ok(referral.ToView(clock.GetUtcNow()))
                    : Problems.Forbidden(ReferralAccess.ReadRefusal(referral.Side))).RequireIdShape(RecordIds.Referral, "referral");

        app.MapOperations();
        return app;
    }

    /// <summary>The referrals an organisation may see: the ones it sent or received, nothing else.</summary>
    static IQueryable<Referral> VisibleTo(ReferralNetDbContext db, string organisationId) =>
        db.Set<Referral>().AsNoTracking().Where(r => r.OrganisationId == organisationId);

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
