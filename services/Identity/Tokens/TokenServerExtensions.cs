using System.Net;
using ReferralNet.Identity.Clients;
using ReferralNet.Identity.Data;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ReferralNet.Identity.Tokens;

public static class TokenServerExtensions
{
    /// <summary>
    /// Access tokens are short: a disabled account's last token is refused everywhere within a minute
    /// (this, plus the services' clock skew of 15 s), with no call back to this service per request.
    /// </summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(40);

    /// <summary>Refresh tokens roll (each use returns a new one) and expire after a working day unused.</summary>
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromHours(12);

    /// <summary>
    /// The OpenIddict server: authorization code + PKCE (required), refresh tokens, client
    /// credentials, end session, revocation, discovery and JWKS; JWT access tokens, signed with the
    /// key kept on disk (<see cref="SigningKeys"/>).
    /// </summary>
    public static WebApplicationBuilder AddTokenServer(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdentityServiceOptions>().BindConfiguration(IdentityServiceOptions.Section);
        var options = builder.Configuration.GetSection(IdentityServiceOptions.Section).Get<IdentityServiceOptions>() ?? new();
        var issuer = IssuerOf(options.PublicUrl);
        var keys = SigningKeys.LoadOrCreate(options.KeysPath is { Length: > 0 } folder ? folder : StaffDatabase.DataFolder(builder.Configuration));

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<StaffDbContext>())
            .AddServer(server =>
            {
                server.SetIssuer(issuer)
                    .SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/endsession")
                    .SetRevocationEndpointUris("connect/revoke");
                server.AllowAuthorizationCodeFlow()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow()
                    .RequireProofKeyForCodeExchange();
                // S256 only: a plain challenge is the verifier itself, readable wherever the authorization request is.
                server.Configure(o => o.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
                server.AddEventHandler(ClientTokensWithoutSubject.Descriptor);
                server.RegisterScopes([Scopes.OpenId, Scopes.OfflineAccess, .. ServiceScopes.All]);
                server.SetAccessTokenLifetime(AccessTokenLifetime)
                    .SetRefreshTokenLifetime(RefreshTokenLifetime)
                    .SetAuthorizationCodeLifetime(TimeSpan.FromMinutes(2));
                server.AddSigningKey(keys.Signing)
                    .AddEncryptionKey(keys.Encryption)
                    // Access tokens are plain signed JWTs the services check against the JWKS.
                    .DisableAccessTokenEncryption();

                var aspNetCore = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                // Plain HTTP only on this machine's loopback; anywhere else the issuer must be HTTPS.
                if (issuer.Scheme == Uri.UriSchemeHttp)
                    aspNetCore.DisableTransportSecurityRequirement();
            });
        return builder;
    }

    static Uri IssuerOf(string publicUrl)
    {
        if (!Uri.TryCreate(publicUrl, UriKind.Absolute, out var issuer) || issuer.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"{IdentityServiceOptions.Section}:PublicUrl is '{publicUrl}', which is not an http(s) URL: give the URL the portal and the services reach this service at, e.g. https://identity.referralnet.example/");
        if (issuer.Scheme == Uri.UriSchemeHttp && !IsLoopback(issuer.Host))
            throw new InvalidOperationException($"{IdentityServiceOptions.Section}:PublicUrl is '{publicUrl}': plain HTTP is allowed on the loopback only (127.0.0.1, localhost); use an https URL");
        return issuer;
    }

    static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
