using System.Security.Claims;

namespace ReferralNet.Portal.SignIn;

/// <summary>
/// What the portal sends to a service for the signed-in person: their access token
/// (<see cref="BearerTokenCredentials"/>), or in development their organisation's API key
/// (<see cref="DevelopmentKeyCredentials"/>). Pages never see either.
/// </summary>
public interface IOrganisationCredentials
{
    /// <summary>Header name and value pairs to add to every REST call and gRPC call made for <paramref name="user"/>.</summary>
    ValueTask<IReadOnlyList<KeyValuePair<string, string>>> HeadersForAsync(ClaimsPrincipal user, CancellationToken ct);
}
