using System.Security.Claims;
using ReferralNet.ServiceDefaults.Identity;

namespace ReferralNet.Portal.SignIn;

/// <summary>Development credentials: the signed-in organisation's API key from seeds/organisations.json.</summary>
public sealed class DevelopmentKeyCredentials(OrganisationDirectory directory) : IOrganisationCredentials
{
    public ValueTask<IReadOnlyList<KeyValuePair<string, string>>> HeadersForAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var organisation = directory.Find(user.OrganisationIdOf())
            ?? throw new InvalidOperationException("the signed-in organisation is not in the seeds any more: sign in again");
        IReadOnlyList<KeyValuePair<string, string>> headers = [new(ApiKeyAuthenticationHandler.Header, organisation.ApiKey)];
        return ValueTask.FromResult(headers);
    }
}
