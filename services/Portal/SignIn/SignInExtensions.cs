using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ReferralNet.ServiceDefaults.Identity;

namespace ReferralNet.Portal.SignIn;

/// <summary>
/// Development sign-in: pick a seeded organisation, get a cookie with its organisation and role
/// claims. Real sign-in (OIDC) replaces this class and <see cref="DevelopmentKeyCredentials"/>;
/// the pages read only the ClaimsPrincipal and the policies below.
/// </summary>
public static class SignInExtensions
{
    public static WebApplicationBuilder AddPortalSignIn(this WebApplicationBuilder builder)
    {
        DevelopmentKeys.EnsureAllowed(builder, "the portal's development sign-in (seeded organisations and their API keys)");
        builder.Services.AddOrganisationDirectory();
        builder.Services.AddSingleton<IOrganisationCredentials, DevelopmentKeyCredentials>();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.LoginPath = "/signin";
                cookie.AccessDeniedPath = "/denied";
                cookie.Cookie.Name = "referralnet-portal";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;
            });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(PortalAccess.Partner, policy => policy.RequireAssertion(context => context.User.IsPartner()))
            .AddPolicy(PortalAccess.ShelterStaff, policy => policy.RequireRole(Roles.ShelterStaff))
            .AddPolicy(PortalAccess.Operator, policy => policy.RequireRole(Roles.Operator));
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    public static WebApplication MapPortalSignIn(this WebApplication app)
    {
        app.MapPost("/account/signin", async ([FromForm] string? organisation, HttpContext http, OrganisationDirectory directory) =>
        {
            var found = organisation is null ? null : directory.Find(organisation);
            if (found is null)
                return Results.Redirect("/signin?problem=choose");
            var identity = new System.Security.Claims.ClaimsIdentity(OrganisationClaims.For(found), CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new System.Security.Claims.ClaimsPrincipal(identity));
            return Results.Redirect("/");
        }).AllowAnonymous();

        // Not bound from the form, so the antiforgery middleware only checks the token and leaves
        // the verdict to the endpoint: a cross-site POST without the page's token signs no one out.
        app.MapPost("/account/signout", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not signed out",
                    detail: "the sign-out request did not carry this portal's form token; use the Sign out button on a portal page");
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/signin");
        });
        return app;
    }
}
