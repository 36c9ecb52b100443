using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ReferralNet.Identity.Accounts;
using ReferralNet.Identity.Audit;
using ReferralNet.Identity.Tests.Support;
using Xunit;

namespace ReferralNet.Identity.Tests.SignIn;

public sealed class Signing_in(IdentityHost host)
{
    [Fact]
    public async Task Gives_the_portal_a_code_after_password_and_authenticator_code()
    {
        var browser = host.NewBrowser();

        var code = await browser.SignInAsync("shelter-staff@harbour-house.example");

        Assert.NotEmpty(code);
        var staffId = await StaffIdAsync("shelter-staff@harbour-house.example");
        Assert.Contains(await host.AuditAsync(staffId), e => e.Event == AuditEvent.SignedIn && e.OrganisationId == "harbour-house");
    }

    [Fact]
    public async Task Refuses_a_wrong_password_without_saying_whether_the_account_exists()
    {
        var browser = host.NewBrowser();

        var wrong = await browser.SubmitAsync(await browser.StartAsync(), ("email", "intake@justice-bridge.example"), ("password", "not-the-password-at-all"));
        var unknown = await browser.SubmitAsync(await browser.StartAsync(), ("email", "nobody@justice-bridge.example"), ("password", SeededStaff.Password));

        Assert.Equal(HttpStatusCode.OK, wrong.Response.StatusCode);
        Assert.Contains("do not match an active account", wrong.Html);
        Assert.Contains("do not match an active account", unknown.Html);
        Assert.Contains(await host.AuditAsync(await StaffIdAsync("intake@justice-bridge.example")), e => e.Event == AuditEvent.PasswordRejected);
    }

    [Fact]
    public async Task Refuses_a_wrong_authenticator_code()
    {
        const string Email = "intake@open-door-law.example";
        var browser = host.NewBrowser();
        var codePage = await browser.FollowAsync(await browser.SubmitAsync(await browser.StartAsync(), ("email", Email), ("password", SeededStaff.Password)));

        var refused = await browser.SubmitAsync(codePage, ("code", Totp.WrongCode(SeededStaff.Account(Email).TotpSecret, DateTimeOffset.UtcNow)));

        Assert.Equal(HttpStatusCode.OK, refused.Response.StatusCode);
        Assert.Contains("That code is not right", refused.Html);
        var audit = await host.AuditAsync(await StaffIdAsync(Email));
        Assert.Contains(audit, e => e.Event == AuditEvent.SecondFactorRejected);
        Assert.DoesNotContain(audit, e => e.Event == AuditEvent.SignedIn);
    }

    [Fact]
    public async Task Locks_the_account_after_five_wrong_passwords()
    {
        const string Email = "caseworker@open-door-law.example";
        var browser = host.NewBrowser();
        Browser.Page last = null!;
        for (var attempt = 1; attempt <= 5; attempt++)
            last = await browser.SubmitAsync(await browser.StartAsync(), ("email", Email), ("password", $"wrong-password-number-{attempt}"));

        var withTheRightPassword = await browser.SubmitAsync(await browser.StartAsync(), ("email", Email), ("password", SeededStaff.Password));

        Assert.Contains("locked for 15 minutes", last.Html);
        Assert.Equal(HttpStatusCode.OK, withTheRightPassword.Response.StatusCode);
        Assert.Contains("locked for 15 minutes", withTheRightPassword.Html);
        var events = (await host.AuditAsync(await StaffIdAsync(Email))).Select(e => e.Event).ToList();
        Assert.Equal([AuditEvent.PasswordRejected, AuditEvent.PasswordRejected, AuditEvent.PasswordRejected, AuditEvent.PasswordRejected,
            AuditEvent.LockedOut, AuditEvent.RefusedWhileLockedOut], events.Where(e => e != AuditEvent.AccountCreated));
    }

    [Fact]
    public async Task Accepts_a_recovery_code_once()
    {
        const string Email = "org-admin@justice-bridge.example";
        var codes = await host.WithServiceAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<StaffAccount>>();
            return (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByEmailAsync(Email))!, 10))!.ToList();
        });
        var browser = host.NewBrowser();
        var codePage = await browser.FollowAsync(await browser.SubmitAsync(await browser.StartAsync(), ("email", Email), ("password", SeededStaff.Password)));
        var recoveryPage = await browser.GetAsync($"/signin/recovery?returnUrl={Uri.EscapeDataString(ReturnUrlOf(codePage))}");

        var code = await browser.CodeAfterAsync(await browser.SubmitAsync(recoveryPage, ("recoveryCode", codes[0])));

        Assert.NotEmpty(code);
        var again = host.NewBrowser();
        var secondCodePage = await again.FollowAsync(await again.SubmitAsync(await again.StartAsync(), ("email", Email), ("password", SeededStaff.Password)));
        var reused = await again.SubmitAsync(await again.GetAsync($"/signin/recovery?returnUrl={Uri.EscapeDataString(ReturnUrlOf(secondCodePage))}"), ("recoveryCode", codes[0]));
        Assert.Contains("used before", reused.Html);
        var audit = (await host.AuditAsync(await StaffIdAsync(Email))).Select(e => e.Event).ToList();
        Assert.Contains(AuditEvent.RecoveryCodeUsed, audit);
        Assert.Contains(AuditEvent.RecoveryCodeRejected, audit);
    }

    [Fact]
    public async Task Answers_an_empty_recovery_code_with_the_page_and_what_to_enter()
    {
        var browser = host.NewBrowser();
        var codePage = await browser.FollowAsync(await browser.SubmitAsync(await browser.StartAsync(), ("email", "intake@justice-bridge.example"), ("password", SeededStaff.Password)));
        var recoveryPage = await browser.GetAsync($"/signin/recovery?returnUrl={Uri.EscapeDataString(ReturnUrlOf(codePage))}");

        var answer = await browser.SubmitAsync(recoveryPage, ("recoveryCode", ""));

        Assert.Equal(System.Net.HttpStatusCode.OK, answer.Response.StatusCode);
        Assert.Contains("Enter one of your recovery codes", answer.Alert);
    }

    [Fact]
    public async Task Refuses_a_password_alone_to_a_role_that_sees_personal_data()
    {
        const string Email = "no-second-factor@valley-health.example";
        const string Password = "a-long-enough-password";
        var created = await host.WithServiceAsync(sp => sp.GetRequiredService<StaffAccounts>()
            .CreateAsync(new NewStaffAccount(Email, "valley-health", [ServiceDefaults.Identity.Roles.Intake], Password), StaffActor.Service));
        var browser = host.NewBrowser();

        var refused = await browser.SubmitAsync(await browser.StartAsync(), ("email", Email), ("password", Password));
        var authorizeAgain = await browser.Http.GetAsync(browser.AuthorizeUrl());

        Assert.Contains("A second factor is needed", refused.Html);
        Assert.StartsWith("/signin?", authorizeAgain.Headers.Location!.OriginalString);
        Assert.Contains(await host.AuditAsync(created.Value!.Id), e => e.Event == AuditEvent.RefusedWithoutSecondFactor);
    }

    [Fact]
    public async Task Refuses_a_form_posted_without_its_antiforgery_token()
    {
        var browser = host.NewBrowser();
        await browser.StartAsync();

        var response = await browser.Http.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "intake@valley-health.example",
            ["password"] = SeededStaff.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(await host.AuditAsync(await StaffIdAsync("intake@valley-health.example")), e => e.Event != AuditEvent.AccountCreated);
    }

    [Fact]
    public async Task Sends_a_finished_sign_in_back_to_this_service_only()
    {
        var browser = host.NewBrowser();
        var page = await browser.GetAsync($"/signin?returnUrl={Uri.EscapeDataString("https://attacker.example/connect/authorize?x=1")}");
        var codePage = await browser.FollowAsync(await browser.SubmitAsync(page, ("email", "intake@new-paths.example"), ("password", SeededStaff.Password)));

        var signedIn = await browser.SubmitAsync(codePage, ("code", Totp.Code(SeededStaff.Account("intake@new-paths.example").TotpSecret, DateTimeOffset.UtcNow)));

        Assert.Equal(HttpStatusCode.Redirect, signedIn.Response.StatusCode);
        Assert.Equal("/signed-in", signedIn.Response.Headers.Location!.OriginalString);
    }

    static string ReturnUrlOf(Browser.Page page) =>
        WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page.Html, """name="returnUrl" value="([^"]*)" """.Trim()).Groups[1].Value);

    Task<string> StaffIdAsync(string email) => host.WithServiceAsync(async sp =>
        (await sp.GetRequiredService<UserManager<StaffAccount>>().FindByEmailAsync(email))!.Id);
}
