using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReferralNet.BuildingBlocks.Seeds;

namespace ReferralNet.BuildingBlocks.Identity;

/// <summary>Registers organisation identity.</summary>
public static class IdentityExtensions
{
    /// <summary>
    /// Every endpoint but health requires a known organisation: <c>X-Api-Key</c> in development.
    /// </summary>
    public static IHostApplicationBuilder AddOrganisationIdentity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => OrganisationDirectory.Load(sp.GetRequiredService<SeedFiles>().Folder));
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }
}
