using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReferralNet.Contracts.Api;
using ReferralNet.ServiceDefaults.Http;

namespace ReferralNet.Referrals.Sending;

/// <summary><c>POST /api/referrals</c>: an organisation refers one of its survivors to another.</summary>
public static class SendingEndpoints
{
    /// <summary>Maps sending under <paramref name="api"/>.</summary>
    public static void MapSending(this RouteGroupBuilder api) =>
        api.MapPost("/referrals", async (HttpRequest request, ClaimsPrincipal user, ReferralSending sending, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<ReferralRequest>(request, ct);
            if (problem is not null) return problem;
            var result = await sending.SendAsync(user.OrganisationIdOf(), user.StaffIdOf(), body!, ct);
            return result.ToHttp(r => Results.Created($"/api/referrals/{r.Id}", new ReferralCreated(r.Id, r.Status.Code())));
        });
}
