using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ReferralNet.Identity.Accounts;
using ReferralNet.Identity.Audit;
using static ReferralNet.Identity.SignIn.SignInPage;

namespace ReferralNet.Identity.Staff;

/// <summary>
/// <c>/setup/{staffId}/{token}</c>: the one-time link from an org admin. The person sets a password
/// and enrols an authenticator (the secret and otpauth URI shown, a code asked for) in one form; the
/// link then stops working.
/// </summary>
public static class SetUpEndpoints
{
    const string Expired = "This set-up link is not valid: it was used already, replaced by a newer one, or is older than 72 hours. Ask your organisation's admin for a new link.";

    public static WebApplication MapSetUp(this WebApplication app)
    {
        app.MapGet("/setup/{staffId}/{token}", async (HttpContext http, IAntiforgery antiforgery, UserManager<StaffAccount> users, Invitations invitations, string staffId, string token) =>
            await invitations.FindAsync(staffId, token) is { } account
                ? Form(http, antiforgery, account, await users.GetAuthenticatorKeyAsync(account) ?? "", null)
                : Gone(http));
        app.MapPost("/setup/{staffId}/{token}", SetUpAsync);
        return app;
    }

    static async Task<IResult> SetUpAsync(
        HttpContext http, IAntiforgery antiforgery, UserManager<StaffAccount> users, Invitations invitations, AuditTrail audit, IOptions<IdentityServiceOptions> options,
        string staffId, string token, [FromForm] string? password, [FromForm] string? code)
    {
        if (await invitations.FindAsync(staffId, token) is not { } account)
            return Gone(http);
        var key = await users.GetAuthenticatorKeyAsync(account) ?? "";
        var digits = (code ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, digits))
            return Form(http, antiforgery, account, key, "That code is not right. Add the secret to your authenticator app and enter the code it shows now.");
        foreach (var validator in users.PasswordValidators)
        {
            var valid = await validator.ValidateAsync(users, account, password ?? "");
            if (!valid.Succeeded)
                return Form(http, antiforgery, account, key, string.Join(" ", valid.Errors.Select(e => e.Description)));
        }
        if (await users.HasPasswordAsync(account))
            await users.RemovePasswordAsync(account);
        var set = await users.AddPasswordAsync(account, password!);
        if (!set.Succeeded)
            return Form(http, antiforgery, account, key, string.Join(" ", set.Errors.Select(e => e.Description)));
        await users.SetTwoFactorEnabledAsync(account, true);
        await users.ResetAccessFailedCountAsync(account);
        await invitations.UseAsync(account);
        await audit.RecordAsync(AuditEvent.InvitationAccepted, account);
        var portal = new Uri(new Uri(options.Value.PortalRedirectUri), "/");
        return Render(http, "Your account is ready", null,
            $"""<p role="status">Your password and authenticator are set. <a href="{Encode(portal.ToString())}">Sign in to the ReferralNet portal</a> with your e-mail, your password and a code from the app.</p>""");
    }

    static IResult Form(HttpContext http, IAntiforgery antiforgery, StaffAccount account, string key, string? message)
    {
        var uri = $"otpauth://totp/ReferralNet:{Uri.EscapeDataString(account.Email ?? account.Id)}?secret={key}&issuer=ReferralNet&digits=6&period=30";
        return Render(http, "Set up your ReferralNet account", message, $"""
            <p>Account {Encode(account.Email)}.</p>
            <form method="post">
              {Antiforgery(http, antiforgery)}
              <label for="password">Choose a password (12 characters or more)</label>
              <input id="password" name="password" type="password" autocomplete="new-password" required minlength="12">
              <p>Add this secret to your authenticator app (or open the link on your phone):</p>
              <p><code id="totp-secret">{Encode(key)}</code></p>
              <p><a id="otpauth-uri" href="{Encode(uri)}">{Encode(uri)}</a></p>
              <label for="code">The six-digit code your app shows now</label>
              <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]+" required>
              <button type="submit">Set up my account</button>
            </form>
            """);
    }

    static IResult Gone(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Render(http, "Set-up link not valid", Expired, "");
    }
}
