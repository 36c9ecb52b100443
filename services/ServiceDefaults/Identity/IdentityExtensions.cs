using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReferralNet.ServiceDefaults.Seeds;

namespace ReferralNet.ServiceDefaults.Identity;

/// <summary>Registers organisation identity.</summary>
public static class IdentityExtensions
{
    /// <summary>
    /// Every endpoint but health requires a known organisation: <c>X-Api-Key</c> in development.
    /// </summary>
    public static IHostApplicationBuilder AddOrganisationIdentity(this IHostApplicationBuilder builder)
    {
        // The development keys are public in seeds/: never accept them by accident in production.
        if (!builder.Environment.IsDevelopment() && !builder.Configuration.GetValue<bool>("ReferralNet:Identity:AllowDevelopmentKeys"))
            throw new InvalidOperationException(
                "sign-in with the development API keys from seeds/ is for development only, and bearer-token sign-in is not built yet: " +
                "run with ASPNETCORE_ENVIRONMENT=Development, or set ReferralNet__Identity__AllowDevelopmentKeys=true on a closed machine (tests, benchmarks)");
        builder.Services.AddSingleton(sp => OrganisationDirectory.Load(sp.GetRequiredService<SeedFiles>().Folder));
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }
}
