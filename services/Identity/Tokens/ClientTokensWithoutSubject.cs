using System.Security.Claims;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ReferralNet.Identity.Tokens;

/// <summary>
/// OpenIddict requires a <c>sub</c> on every sign-in, so a client-credentials sign-in carries the
/// client id there; this takes it out of the access token again, because the services read
/// <c>sub</c> as a staff id and a client is no member of staff.
/// </summary>
public sealed class ClientTokensWithoutSubject : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseSingletonHandler<ClientTokensWithoutSubject>()
            .SetOrder(OpenIddictServerHandlers.PrepareAccessTokenPrincipal.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.Request.IsClientCredentialsGrantType() && context.AccessTokenPrincipal?.Identity is ClaimsIdentity identity)
            identity.RemoveClaims(Claims.Subject);
        return default;
    }
}
