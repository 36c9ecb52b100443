using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using ReferralNet.ServiceDefaults.Identity;
using ReferralNet.ServiceDefaults.Seeds;

namespace ReferralNet.Portal.SignIn;

/// <summary>
/// Sign-in at the identity service: authorization code + PKCE (ASP.NET Core's OpenID Connect
/// handler), the tokens kept server-side (<see cref="SignedInSessions"/>), a cookie holding the
/// claims and the session id. Sign-out ends the session here and at the identity service and
/// revokes the refresh token.
/// </summary>
public static class SignInExtensions
{
    public const string OidcScheme = OpenIdConnectDefaults.AuthenticationScheme;
    const string IdTokenHintItem = "referralnet:id-token-hint";

    public static WebApplicationBuilder AddPortalSignIn(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(PortalIdentityOptions.Section);
        var identity = section.Get<PortalIdentityOptions>() ?? new();
        identity.PortalClientSecret ??= DevelopmentPortalSecret(builder);
        // The person's own token everywhere, so each service authorises the person and audits their staff id.
        identity.ServiceCredentials ??= PortalIdentityOptions.Bearer;
        builder.Services.AddOptions<PortalIdentityOptions>().BindConfiguration(PortalIdentityOptions.Section)
            .PostConfigure(o => { o.PortalClientSecret = identity.PortalClientSecret; o.ServiceCredentials = identity.ServiceCredentials; });
        var authority = AuthorityOf(identity.Authority);
        if (string.IsNullOrEmpty(identity.PortalClientSecret))
            throw new InvalidOperationException("ReferralNet:Identity:PortalClientSecret is not set: give the secret of the identity service's 'portal' client (ReferralNet__Identity__PortalClientSecret)");

        builder.Services.AddOrganisationDirectory();
        builder.Services.AddHttpClient(SignedInSessions.ClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton<SignedInSessions>();
        builder.Services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();
        switch (identity.ServiceCredentials)
        {
            case PortalIdentityOptions.Bearer:
                builder.Services.AddSingleton<IOrganisationCredentials, BearerTokenCredentials>();
                break;
            case PortalIdentityOptions.DevelopmentKeys:
                DevelopmentKeys.EnsureAllowed(builder, "calling the services with the development API keys from seeds/ (ReferralNet:Identity:ServiceCredentials=development-keys)");
                builder.Services.AddSingleton<IOrganisationCredentials, DevelopmentKeyCredentials>();
                break;
            default:
                throw new InvalidOperationException($"ReferralNet:Identity:ServiceCredentials is '{identity.ServiceCredentials}': use '{PortalIdentityOptions.Bearer}' (the person's access token) or '{PortalIdentityOptions.DevelopmentKeys}' (development only)");
        }

        builder.Services.AddAuthentication(auth =>
            {
                auth.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                auth.DefaultChallengeScheme = OidcScheme;
            })
            .AddCookie(cookie =>
            {
                cookie.AccessDeniedPath = "/denied";
                cookie.Cookie.Name = "referralnet-portal";
                cookie.Cookie.HttpOnly = true;
                // Lax, not Strict: the browser comes back from the identity service by a cross-site redirect.
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = false;
                cookie.Events.OnValidatePrincipal = async context =>
                {
                    var sessions = context.HttpContext.RequestServices.GetRequiredService<SignedInSessions>();
                    if (!await sessions.IsActiveAsync(context.Principal?.FindFirstValue(PortalAccess.SessionClaim), context.HttpContext.RequestAborted))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }
                };
            })
            .AddOpenIdConnect(OidcScheme, oidc =>
            {
                oidc.Authority = authority.ToString();
                oidc.RequireHttpsMetadata = authority.Scheme == Uri.UriSchemeHttps;
                oidc.ClientId = "portal";
                oidc.ClientSecret = identity.PortalClientSecret;
                oidc.ResponseType = OpenIdConnectResponseType.Code;
                // The code comes back on a GET redirect, so the Lax cookies travel with it (form_post would need SameSite=None).
                oidc.ResponseMode = OpenIdConnectResponseMode.Query;
                oidc.UsePkce = true;
                oidc.Scope.Clear();
                foreach (var scope in new[] { "openid", "offline_access", "shelter", "legalaid", "medical", "vocational" })
                    oidc.Scope.Add(scope);
                oidc.CallbackPath = "/signin-oidc";
                oidc.SignedOutCallbackPath = "/signout-callback-oidc";
                oidc.SignedOutRedirectUri = "/";
                // Tokens stay on the server (SignedInSessions), not in the cookie.
                oidc.SaveTokens = false;
                oidc.GetClaimsFromUserInfoEndpoint = false;
                oidc.MapInboundClaims = false;
                oidc.TokenValidationParameters.NameClaimType = PortalAccess.StaffIdClaim;
                oidc.TokenValidationParameters.RoleClaimType = PortalAccess.RoleClaim;
                oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
                oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oidc.NonceCookie.SameSite = SameSiteMode.Lax;
                oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oidc.Events.OnTokenValidated = SignedInAsync;
                oidc.Events.OnRedirectToIdentityProviderForSignOut = context =>
                {
                    if (context.HttpContext.Items[IdTokenHintItem] is string hint)
                        context.ProtocolMessage.IdTokenHint = hint;
                    return Task.CompletedTask;
                };
                oidc.Events.OnRemoteFailure = context =>
                {
                    // A stale or replayed callback (the back button, a second tab): start a fresh sign-in.
                    context.HandleResponse();
                    context.Response.Redirect("/signin-problem");
                    return Task.CompletedTask;
                };
            });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(PortalAccess.Caseworker, policy => policy.RequireRole(Roles.Caseworker))
            .AddPolicy(PortalAccess.Intake, policy => policy.RequireRole(Roles.Intake))
            .AddPolicy(PortalAccess.Referrals, policy => policy.RequireRole(Roles.Caseworker, Roles.Intake))
            .AddPolicy(PortalAccess.ShelterStaff, policy => policy.RequireRole(Roles.ShelterStaff))
            .AddPolicy(PortalAccess.Operator, policy => policy.RequireRole(Roles.Operator));
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    public static WebApplication MapPortalSignIn(this WebApplication app)
    {
        // Not bound from the form, so the antiforgery middleware only checks the token and leaves
        // the verdict to the endpoint: a cross-site POST without the page's token signs no one out.
        app.MapPost("/account/signout", async (HttpContext http, IAntiforgery antiforgery, SignedInSessions sessions) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not signed out",
                    detail: "the sign-out request did not carry this portal's form token; use the Sign out button on a portal page");
            http.Items[IdTokenHintItem] = await sessions.EndAsync(http.User.FindFirstValue(PortalAccess.SessionClaim), http.RequestAborted);
            // Here, then at the identity service (its end-session endpoint), which sends the browser back to /signout-callback-oidc.
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" },
                [CookieAuthenticationDefaults.AuthenticationScheme, OidcScheme]);
        });
        return app;
    }

    static Task SignedInAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var staffId = principal.FindFirstValue(PortalAccess.StaffIdClaim);
        var organisation = principal.FindFirstValue(OrganisationClaims.OrganisationId) is { } orgId
            ? context.HttpContext.RequestServices.GetRequiredService<OrganisationDirectory>().Find(orgId)
            : null;
        if (staffId is null || organisation is null || context.TokenEndpointResponse?.AccessToken is null)
        {
            context.Fail("the identity service's tokens name no staff id or no known organisation");
            return Task.CompletedTask;
        }
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SignedInSessions>();
        var sessionId = sessions.Start(staffId, context.TokenEndpointResponse);
        var claims = (ClaimsIdentity)principal.Identity!;
        claims.AddClaim(new Claim(PortalAccess.SessionClaim, sessionId));
        claims.AddClaim(new Claim(OrganisationClaims.Kind, organisation.Kind));
        claims.AddClaim(new Claim(PortalAccess.OrganisationNameClaim, organisation.Name));
        return Task.CompletedTask;
    }

    // The development secret of the portal client, from seeds/clients.json: Development only.
    static string? DevelopmentPortalSecret(WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
            return null;
        var seeds = builder.Configuration["ReferralNet:SeedsPath"] is { Length: > 0 } path ? path : FindSeeds();
        var file = Path.Combine(seeds ?? "", "clients.json");
        if (!File.Exists(file))
            return null;
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file));
        return json.RootElement.EnumerateArray()
            .Where(c => c.GetProperty("clientId").GetString() == "portal")
            .Select(c => c.GetProperty("secret").GetString())
            .FirstOrDefault();
    }

    static string? FindSeeds()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "seeds", "clients.json")))
                    return Path.Combine(dir.FullName, "seeds");
            }
        }
        return null;
    }

    static Uri AuthorityOf(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var authority) || authority.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"ReferralNet:Identity:Authority is '{value}', which is not an http(s) URL: give the identity service's issuer URL, e.g. https://identity.referralnet.example/");
        if (authority.Scheme == Uri.UriSchemeHttp && !(authority.Host == "localhost" || (IPAddress.TryParse(authority.Host, out var ip) && IPAddress.IsLoopback(ip))))
            throw new InvalidOperationException($"ReferralNet:Identity:Authority is '{value}': plain HTTP is allowed on the loopback only; use an https URL");
        return authority;
    }
}
