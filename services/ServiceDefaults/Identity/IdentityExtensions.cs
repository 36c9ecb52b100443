using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ReferralNet.ServiceDefaults.Identity;

/// <summary>Registers organisation identity.</summary>
public static class IdentityExtensions
{
    /// <summary>
    /// Every endpoint but health requires a known organisation: <c>X-Api-Key</c> in development.
    /// </summary>
    public static IHostApplicationBuilder AddOrganisationIdentity(this IHostApplicationBuilder builder)
    {
        DevelopmentKeys.EnsureAllowed(builder, "sign-in with the development API keys from seeds/");
        builder.Services.AddOrganisationDirectory();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }
}
