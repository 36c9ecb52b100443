using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using ReferralNet.ServiceDefaults;
using ReferralNet.ServiceDefaults.Http;

namespace ReferralNet.Referrals.Operations;

/// <summary>The operations API: the network operator's view of a service, with no survivor data.</summary>
public static class OperationsEndpoints
{
    /// <summary>
    /// Maps <c>GET /api/operations/referrals</c> (counts by status, overdue, outbox) and
    /// <c>GET /api/operations/referrals/{id}</c> (one referral's state and trace id); operators only.
    /// </summary>
    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder app)
    {
        var operations = app.MapGroup("/api/operations").RequireAuthorization(AccessPolicies.Operator);

        operations.MapGet("/referrals", async (ReferralNetDbContext db, TimeProvider clock, IOptions<ReferralNetOptions> options, CancellationToken ct) =>
            Results.Ok(await new ReferralOperations(db, clock).OverviewAsync(options.Value.ServiceName, ct)));

        operations.MapGet("/referrals/{id}", async (string id, ReferralNetDbContext db, TimeProvider clock, IOptions<ReferralNetOptions> options, CancellationToken ct) =>
            await new ReferralOperations(db, clock).FindAsync(id, ct) is { } referral
                ? Results.Ok(referral)
                : Problems.NotFound($"the {options.Value.ServiceName} service holds no referral '{id}'; a referral is kept only by the services of its sender and its recipient, so ask those")).RequireIdShape(RecordIds.Referral, "referral");

        return app;
    }
}
