using System.Security.Claims;

namespace ReferralNet.Portal.SignIn;

/// <summary>
/// What the portal sends to a service so that the service knows which organisation a call is made
/// for. Development: the organisation's API key from the seeds. Production replaces this (and the
/// sign-in) with the signed-in user's bearer token; pages never see either.
/// </summary>
public interface IOrganisationCredentials
{
    /// <summary>Header name and value pairs to add to every REST call and gRPC call made for <paramref name="user"/>.</summary>
    ValueTask<IReadOnlyList<KeyValuePair<string, string>>> HeadersForAsync(ClaimsPrincipal user, CancellationToken ct);
}
