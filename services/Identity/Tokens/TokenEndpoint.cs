using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using ReferralNet.Identity.Accounts;
using ReferralNet.Identity.Audit;
using ReferralNet.ServiceDefaults.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ReferralNet.Identity.Tokens;

/// <summary>
/// <c>POST /connect/token</c> after OpenIddict has checked the client, the code and its PKCE
/// verifier, or the refresh token: issues tokens from the account as it is now, not as it was
/// when the code was issued, and refuses a disabled account.
/// </summary>
public static class TokenEndpoint
{
    public static WebApplication MapTokenEndpoint(this WebApplication app)
    {
        app.MapPost("/connect/token", ExchangeAsync).DisableAntiforgery();
        return app;
    }

    static async Task<IResult> ExchangeAsync(
        HttpContext http, UserManager<StaffAccount> users, SignInManager<StaffAccount> signIn,
        OrganisationDirectory organisations, AuditTrail audit)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("the OpenID Connect request cannot be read");

        if (request.IsClientCredentialsGrantType())
        {
            // Each organisation's client is registered under the organisation's id.
            if (request.ClientId is not { } clientId || organisations.Find(clientId) is not { } organisation)
                return Refusals.Refuse(Errors.UnauthorizedClient, "this client acts for no organisation; use your organisation's client id");
            var identity = TokenPrincipals.ForClient(clientId, organisation);
            identity.SetScopes(request.GetScopes());
            identity.SetResources(Clients.ServiceScopes.AudiencesOf(request.GetScopes()));
            await audit.RecordAsync(new AuditEntry { Event = AuditEvent.ClientTokenIssued, OrganisationId = organisation.Id, ClientId = clientId });
            return Results.SignIn(new(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var granted = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var staffId = granted.Principal?.GetClaim(Claims.Subject);
            if (staffId is null || await users.FindByIdAsync(staffId) is not { } account
                || organisations.Find(account.OrganisationId) is not { } organisation)
                return Refusals.Refuse(Errors.InvalidGrant, "the account this grant was issued to no longer exists; sign in again");
            if (!await signIn.CanSignInAsync(account))
            {
                await audit.RecordAsync(AuditEvent.RefusedDisabled, account);
                return Refusals.Refuse(Errors.InvalidGrant, "the account is disabled; ask your organisation's admin");
            }

            var identity = TokenPrincipals.ForStaff(account, organisation, await users.GetRolesAsync(account));
            identity.SetScopes(granted.Principal!.GetScopes());
            identity.SetResources(granted.Principal!.GetResources());
            identity.SetAuthorizationId(granted.Principal!.GetAuthorizationId());
            return Results.SignIn(new(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Refusals.Refuse(Errors.UnsupportedGrantType, "use the authorization_code, refresh_token or client_credentials grant");
    }
}
