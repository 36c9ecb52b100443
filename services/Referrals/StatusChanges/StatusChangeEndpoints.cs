using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReferralNet.Contracts.Api;
using ReferralNet.ServiceDefaults.Http;

namespace ReferralNet.Referrals.StatusChanges;

/// <summary><c>POST /api/referrals/{id}/status</c>: one side moves its referral on.</summary>
public static class StatusChangeEndpoints
{
    /// <summary>Maps status changes under <paramref name="api"/>.</summary>
    public static void MapStatusChanges(this RouteGroupBuilder api) =>
        api.MapPost("/referrals/{id}/status", async (string id, HttpRequest request, ClaimsPrincipal user, StatusChanging changing, TimeProvider clock, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<StatusChangeRequest>(request, ct);
            if (problem is not null) return problem;
            var result = await changing.ChangeStatusAsync(user.OrganisationIdOf(), user.StaffIdOf(), ReferralAccess.ChangeableSide(user), id, body!, ct);
            return result.ToHttp(r => Results.Ok(r.ToView(clock.GetUtcNow())));
        }).RequireIdShape(RecordIds.Referral, "referral").RequireAuthorization(AccessPolicies.StatusChanger);
}
