using System.Security.Claims;

namespace ReferralNet.Portal.SignIn;

/// <summary>The signed-in person's own access token (audience: each service), as <c>Authorization: Bearer</c>.</summary>
public sealed class BearerTokenCredentials(SignedInSessions sessions) : IOrganisationCredentials
{
    public async ValueTask<IReadOnlyList<KeyValuePair<string, string>>> HeadersForAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        // An ended session sends no credential: the service answers 401 and the page says so.
        if (await sessions.AccessTokenAsync(user.FindFirstValue(PortalAccess.SessionClaim), ct) is not { } token)
            return [];
        return [new("Authorization", "Bearer " + token)];
    }
}
