using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ReferralNet.ServiceDefaults.Identity;

/// <summary>Registers organisation identity.</summary>
public static class IdentityExtensions
{
    /// <summary>The policy scheme that picks bearer tokens or development keys per request.</summary>
    public const string SchemeName = "Organisation";

    /// <summary>
    /// Every endpoint but health requires a known organisation: an access token from the identity
    /// service (<see cref="TokenAuthentication.AuthoritySetting"/>), or, only where
    /// <see cref="DevelopmentKeys"/> allows, <c>X-Api-Key</c>. Outside Development with no
    /// authority the service refuses to start. Registers <see cref="AccessPolicies"/>.
    /// </summary>
    public static IHostApplicationBuilder AddOrganisationIdentity(this IHostApplicationBuilder builder)
    {
        var keys = DevelopmentKeys.Allowed(builder);
        var authority = Authority(builder.Configuration[TokenAuthentication.AuthoritySetting], keys);
        builder.Services.AddOrganisationDirectory();

        var authentication = builder.Services.AddAuthentication(SchemeName)
            .AddPolicyScheme(SchemeName, "Bearer token or development key", scheme => scheme.ForwardDefaultSelector = http =>
                authority is not null && (!keys || IsBearer(http.Request)) ? TokenAuthentication.SchemeName : ApiKeyAuthenticationHandler.SchemeName);
        if (keys)
            authentication.AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        if (authority is not null)
        {
            var audience = ReferralNetOptions.ServiceNameOf(builder.Configuration, builder.Environment.ApplicationName);
            authentication.AddJwtBearer(TokenAuthentication.SchemeName, options => TokenAuthentication.Configure(options, authority, audience));
        }

        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessRefusals>();
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddAccessPolicies();
        return builder;
    }

    // With development keys on, a request without "Authorization: Bearer" goes to the key scheme
    // (whose 401 says which header to send).
    static bool IsBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    static Uri? Authority(string? setting, bool keys)
    {
        const string Env = "ReferralNet__Identity__Authority";
        if (string.IsNullOrWhiteSpace(setting))
        {
            if (keys)
                return null;
            throw new InvalidOperationException(
                $"no identity service is configured to sign callers in: set {Env} to its URL (such as http://127.0.0.1:5105/). " +
                "The development API keys from seeds/ are refused outside Development unless ReferralNet__Identity__AllowDevelopmentKeys=true on a closed machine (tests, benchmarks)");
        }
        if (!Uri.TryCreate(setting, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
            throw new InvalidOperationException($"{Env} is '{setting}', which is not an http(s) URL: set it to the identity service's URL (such as http://127.0.0.1:5105/)");
        if (authority.Scheme == Uri.UriSchemeHttp && !authority.IsLoopback)
            throw new InvalidOperationException($"{Env} is '{setting}': plain HTTP is accepted only for an identity service on this machine (loopback); use https");
        return authority;
    }
}
