using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using ReferralNet.Identity.Accounts;
using ReferralNet.ServiceDefaults.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ReferralNet.Identity.Tokens;

/// <summary>
/// The claims contract the services rely on: <c>sub</c> = staff id (staff only),
/// <c>referralnet:org</c>, <c>referralnet:kind</c>, one <c>role</c> per role. Nothing else about
/// the person (no e-mail, no name) goes into a token.
/// </summary>
public static class TokenPrincipals
{
    public static ClaimsIdentity ForStaff(StaffAccount account, Organisation organisation, IEnumerable<string> roles)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, account.Id)
            .SetClaim(OrganisationClaims.OrganisationId, organisation.Id)
            .SetClaim(OrganisationClaims.Kind, organisation.Kind)
            .SetClaims(Claims.Role, [.. roles.Order(StringComparer.Ordinal)]);
        identity.SetDestinations(Destinations);
        return identity;
    }

    /// <summary>
    /// A client-credentials token: the organisation, no staff id, no role. The <c>sub</c> here only
    /// satisfies OpenIddict; <see cref="ClientTokensWithoutSubject"/> keeps it out of the token.
    /// </summary>
    public static ClaimsIdentity ForClient(string clientId, Organisation organisation)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, clientId)
            .SetClaim(Claims.ClientId, clientId)
            .SetClaim(OrganisationClaims.OrganisationId, organisation.Id)
            .SetClaim(OrganisationClaims.Kind, organisation.Kind);
        identity.SetDestinations(Destinations);
        return identity;
    }

    static ClaimsIdentity NewIdentity() =>
        new(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);

    static IEnumerable<string> Destinations(Claim claim) => claim.Type switch
    {
        Claims.Subject or OrganisationClaims.OrganisationId or Claims.Role => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        OrganisationClaims.Kind or Claims.ClientId => [OpenIddictConstants.Destinations.AccessToken],
        _ => [],
    };
}
