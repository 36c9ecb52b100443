using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReferralNet.Contracts.Api;
using ReferralNet.Referrals.Consent;
using ReferralNet.ServiceDefaults.Http;

namespace ReferralNet.Referrals.Revocation;

/// <summary><c>POST /api/consents/{id}/revoke</c>: the survivor takes a consent back.</summary>
public static class RevocationEndpoints
{
    /// <summary>Maps the revocation under <paramref name="api"/>.</summary>
    public static void MapRevocation(this RouteGroupBuilder api) =>
        api.MapPost("/consents/{id}/revoke", async (string id, HttpRequest request, ClaimsPrincipal user, ConsentRevocation revocation, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<RevocationRequest>(request, ct);
            if (problem is not null) return problem;
            var result = await revocation.RevokeAsync(user.OrganisationIdOf(), user.StaffIdOf(), id, body!.Reason, ct);
            return result.ToHttp(c => Results.Ok(new ConsentRevoked(c.Id, ConsentStatus.Revoked.Code(), c.RevokedAt)));
        }).RequireIdShape(RecordIds.Consent, "consent");
}
