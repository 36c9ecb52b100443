using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using ReferralNet.Identity.Accounts;
using ReferralNet.Identity.Audit;
using ReferralNet.Identity.Clients;
using ReferralNet.Identity.Tokens;
using ReferralNet.ServiceDefaults.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ReferralNet.Identity.SignIn;

/// <summary>
/// <c>/connect/authorize</c> (after OpenIddict has checked the client, the redirect URI and the
/// PKCE challenge): sends the browser to the sign-in pages, then issues the code for the signed-in
/// account. <c>/connect/endsession</c>: ends the sign-in session here and at the client.
/// </summary>
public static class AuthorizationEndpoints
{
    public static WebApplication MapAuthorization(this WebApplication app)
    {
        app.MapMethods(ReturnUrls.Authorize, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).DisableAntiforgery();
        app.MapMethods("/connect/endsession", [HttpMethods.Get, HttpMethods.Post], EndSessionAsync).DisableAntiforgery();
        return app;
    }

    static async Task<IResult> AuthorizeAsync(
        HttpContext http, UserManager<StaffAccount> users, SignInManager<StaffAccount> signIn, OrganisationDirectory organisations,
        IOpenIddictApplicationManager applications, IOpenIddictAuthorizationManager authorizations)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("the OpenID Connect request cannot be read");
        var session = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var account = session.Succeeded ? await users.GetUserAsync(session.Principal) : null;
        var roles = account is null ? [] : await users.GetRolesAsync(account);
        var signedIn = account is not null
            && !request.HasPromptValue(PromptValues.Login)
            && await signIn.CanSignInAsync(account)
            // A session without a second factor is not enough for roles that see personal data.
            && (!StaffRoles.RequireSecondFactor(roles) || session.Principal!.HasClaim(AccountsExtensions.SecondFactorClaim, "mfa"));
        if (!signedIn)
        {
            if (request.HasPromptValue(PromptValues.None))
                return Refusals.Refuse(Errors.LoginRequired, "the user is not signed in");
            if (account is not null)
                await signIn.SignOutAsync();
            // prompt=login is honoured once: the sign-in it asked for is about to happen.
            var parameters = (http.Request.HasFormContentType ? http.Request.Form.ToList() : http.Request.Query.ToList())
                .Where(p => p.Key != Parameters.Prompt).ToList();
            var prompt = string.Join(' ', request.GetPromptValues().Remove(PromptValues.Login));
            if (prompt.Length > 0)
                parameters.Add(new(Parameters.Prompt, new StringValues(prompt)));
            var returnUrl = ReturnUrls.Authorize + QueryString.Create(parameters);
            return Results.Redirect($"/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        var organisation = organisations.Find(account!.OrganisationId)
            ?? throw new InvalidOperationException($"staff account {account.Id} belongs to organisation '{account.OrganisationId}', which is not in seeds/organisations.json");
        var application = await applications.FindByClientIdAsync(request.ClientId!)
            ?? throw new InvalidOperationException("the client was checked by OpenIddict but is gone");

        var identity = TokenPrincipals.ForStaff(account, organisation, roles);
        identity.SetScopes(request.GetScopes());
        identity.SetResources(ServiceScopes.AudiencesOf(request.GetScopes()));
        // One authorization per sign-in: disabling the account revokes it and every token under it.
        var authorization = await authorizations.CreateAsync(identity, account.Id, (await applications.GetIdAsync(application))!,
            AuthorizationTypes.AdHoc, identity.GetScopes());
        identity.SetAuthorizationId(await authorizations.GetIdAsync(authorization));
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    static async Task<IResult> EndSessionAsync(HttpContext http, UserManager<StaffAccount> users, SignInManager<StaffAccount> signIn, AuditTrail audit)
    {
        var session = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (session.Succeeded && await users.GetUserAsync(session.Principal) is { } account)
        {
            await signIn.SignOutAsync();
            await audit.RecordAsync(AuditEvent.SignedOut, account);
        }
        // OpenIddict sends the browser to the client's registered post_logout_redirect_uri, else here.
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/signed-out" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
