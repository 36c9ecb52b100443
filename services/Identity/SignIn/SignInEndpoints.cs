using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using ReferralNet.Identity.Accounts;
using ReferralNet.Identity.Audit;

namespace ReferralNet.Identity.SignIn;

/// <summary>
/// The sign-in pages: e-mail and password, then the authenticator code (or a recovery code). Every
/// outcome is audited by staff id; the e-mail is never logged or audited. The messages do not say
/// whether an e-mail has an account, or whether it is disabled.
/// </summary>
public static class SignInEndpoints
{
    const string NoMatch = "That e-mail and password do not match an active account. Check them and try again, or ask your organisation's admin.";
    const string Locked = "This account is locked for 15 minutes after too many failed attempts. Try again later, or ask your organisation's admin.";
    const string WrongCode = "That code is not right. Enter the code your authenticator app shows now.";

    public static WebApplication MapSignIn(this WebApplication app)
    {
        app.MapGet("/signin", (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
            SignInPage.Password(http, antiforgery, ReturnUrls.Safe(returnUrl)));
        app.MapPost("/signin", PasswordAsync);
        app.MapGet("/signin/code", (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
            SignInPage.Code(http, antiforgery, ReturnUrls.Safe(returnUrl)));
        app.MapPost("/signin/code", CodeAsync);
        app.MapGet("/signin/recovery", (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
            SignInPage.Recovery(http, antiforgery, ReturnUrls.Safe(returnUrl)));
        app.MapPost("/signin/recovery", RecoveryAsync);
        app.MapGet(ReturnUrls.SignedIn, (HttpContext http) =>
            SignInPage.Notice(http, "Signed in", "You are signed in. Go back to the ReferralNet portal to continue."));
        app.MapGet("/signed-out", (HttpContext http) =>
            SignInPage.Notice(http, "Signed out", "You are signed out of ReferralNet."));
        return app;
    }

    static async Task<IResult> PasswordAsync(
        HttpContext http, IAntiforgery antiforgery, UserManager<StaffAccount> users, SignInManager<StaffAccount> signIn, AuditTrail audit,
        [FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl)
    {
        var back = ReturnUrls.Safe(returnUrl);
        if (string.IsNullOrWhiteSpace(email) || await users.FindByEmailAsync(email.Trim()) is not { } account)
        {
            await audit.RecordAsync(AuditEvent.UnknownAccount, null);
            return SignInPage.Password(http, antiforgery, back, NoMatch, email);
        }

        var wasLocked = await users.IsLockedOutAsync(account);
        var result = await signIn.PasswordSignInAsync(account, password ?? "", isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
            return Results.Redirect($"/signin/code?returnUrl={Uri.EscapeDataString(back)}");
        if (result.Succeeded)
        {
            // Roles that see personal data never sign in on a password alone.
            if (StaffRoles.RequireSecondFactor(await users.GetRolesAsync(account)))
            {
                await signIn.SignOutAsync();
                await audit.RecordAsync(AuditEvent.RefusedWithoutSecondFactor, account);
                return SignInPage.Notice(http, "A second factor is needed",
                    "Your roles need an authenticator app as a second factor, and your account has none yet. Ask your organisation's admin to set one up.");
            }
            await audit.RecordAsync(AuditEvent.SignedIn, account);
            return Results.Redirect(back);
        }
        return await RefusedAsync(result, wasLocked, account, audit, AuditEvent.PasswordRejected,
            message => SignInPage.Password(http, antiforgery, back, message, email), NoMatch);
    }

    static async Task<IResult> CodeAsync(
        HttpContext http, IAntiforgery antiforgery, UserManager<StaffAccount> users, SignInManager<StaffAccount> signIn, AuditTrail audit,
        [FromForm] string? code, [FromForm] string? returnUrl)
    {
        var back = ReturnUrls.Safe(returnUrl);
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } account)
            return SignInPage.Password(http, antiforgery, back, "The sign-in took too long. Enter your e-mail and password again.");

        var wasLocked = await users.IsLockedOutAsync(account);
        var digits = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        // Wrong codes count towards the lockout like wrong passwords (ASP.NET Identity's AccessFailed).
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(digits, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await audit.RecordAsync(AuditEvent.SignedIn, account);
            return Results.Redirect(back);
        }
        return await RefusedAsync(result, wasLocked, account, audit, AuditEvent.SecondFactorRejected,
            message => SignInPage.Code(http, antiforgery, back, message), WrongCode);
    }

    static async Task<IResult> RecoveryAsync(
        HttpContext http, IAntiforgery antiforgery, UserManager<StaffAccount> users, SignInManager<StaffAccount> signIn, AuditTrail audit,
        [FromForm] string? recoveryCode, [FromForm] string? returnUrl)
    {
        var back = ReturnUrls.Safe(returnUrl);
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } account)
            return SignInPage.Password(http, antiforgery, back, "The sign-in took too long. Enter your e-mail and password again.");

        var code = (recoveryCode ?? "").Replace(" ", "", StringComparison.Ordinal);
        // ASP.NET Identity throws on an empty code: a form sent empty is a question, not a failed attempt.
        if (code.Length == 0)
            return SignInPage.Recovery(http, antiforgery, back, "Enter one of your recovery codes (each works once).");
        var wasLocked = await users.IsLockedOutAsync(account);
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            await audit.RecordAsync(AuditEvent.RecoveryCodeUsed, account);
            await audit.RecordAsync(AuditEvent.SignedIn, account);
            return Results.Redirect(back);
        }
        // ASP.NET Identity does not count wrong recovery codes; they count here like wrong passwords.
        if (!result.IsLockedOut && !result.IsNotAllowed)
        {
            await users.AccessFailedAsync(account);
            if (await users.IsLockedOutAsync(account))
                result = Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
        }
        return await RefusedAsync(result, wasLocked, account, audit, AuditEvent.RecoveryCodeRejected,
            message => SignInPage.Recovery(http, antiforgery, back, message), "That recovery code is not right, or was used before.");
    }

    static async Task<IResult> RefusedAsync(
        Microsoft.AspNetCore.Identity.SignInResult result, bool wasLocked, StaffAccount account, AuditTrail audit,
        AuditEvent failure, Func<string, IResult> page, string wrong)
    {
        if (result.IsLockedOut)
        {
            await audit.RecordAsync(wasLocked ? AuditEvent.RefusedWhileLockedOut : AuditEvent.LockedOut, account);
            return page(Locked);
        }
        if (result.IsNotAllowed)
        {
            await audit.RecordAsync(AuditEvent.RefusedDisabled, account);
            return page(NoMatch);
        }
        await audit.RecordAsync(failure, account);
        return page(wrong);
    }
}
