using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ReferralNet.Identity.Accounts;
using ReferralNet.Identity.Tests.Support;
using ReferralNet.ServiceDefaults.Identity;
using Xunit;

namespace ReferralNet.Identity.Tests.Staff;

public sealed class Resetting_a_second_factor(IdentityHost host)
{
    const string NewPassword = "a-new-password-after-the-reset";

    [Fact]
    public async Task Makes_the_person_enrol_again_at_their_next_sign_in_and_their_old_authenticator_codes_stop_working()
    {
        var admin = await host.AddAsync("new-paths", Roles.OrgAdmin);
        var person = await host.AddAsync("new-paths", Roles.Caseworker);
        var theirs = host.NewBrowser();
        var refreshToken = (await theirs.TokensAsync(person.Email, NewStaff.Password, person.TotpSecret)).GetProperty("refresh_token").GetString()!;

        var setUpPath = await ResetAsync(admin, person);

        var refused = await theirs.RefreshAsync(refreshToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("invalid_grant", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        var signIn = host.NewBrowser();
        var withPasswordOnly = await signIn.SubmitAsync(await signIn.StartAsync(), ("email", person.Email), ("password", NewStaff.Password));
        Assert.Contains("A second factor is needed", withPasswordOnly.Html);

        var setUp = await signIn.GetAsync(setUpPath);
        Assert.Equal(HttpStatusCode.OK, setUp.Response.StatusCode);
        var newSecret = WebUtility.HtmlDecode(Regex.Match(setUp.Html, """<code id="totp-secret">([^<]+)</code>""").Groups[1].Value);
        Assert.NotEqual(person.TotpSecret, newSecret);
        var withOldCode = await signIn.SubmitAsync(setUp, ("password", NewPassword), ("code", Totp.Code(person.TotpSecret, DateTimeOffset.UtcNow)));
        Assert.StartsWith("That code is not right", withOldCode.Alert);
        var enrolled = await signIn.SubmitAsync(withOldCode, ("password", NewPassword), ("code", Totp.Code(newSecret, DateTimeOffset.UtcNow)));
        Assert.Contains("Your account is ready", enrolled.Html);

        var next = host.NewBrowser();
        var codePage = await next.FollowAsync(await next.SubmitAsync(await next.StartAsync(), ("email", person.Email), ("password", NewPassword)));
        var oldCodeAtSignIn = await next.SubmitAsync(codePage, ("code", Totp.Code(person.TotpSecret, DateTimeOffset.UtcNow)));
        Assert.Equal(HttpStatusCode.OK, oldCodeAtSignIn.Response.StatusCode);
        Assert.StartsWith("That code is not right", oldCodeAtSignIn.Alert);
        var tokens = await host.NewBrowser().TokensAsync(person.Email, NewPassword, newSecret);
        Assert.Equal([Roles.Caseworker], Jwt.Values(Jwt.Payload(tokens.GetProperty("access_token").GetString()!), "role"));
    }

    [Fact]
    public async Task Ends_the_recovery_codes_that_went_with_the_lost_authenticator()
    {
        var admin = await host.AddAsync("skills-forward", Roles.OrgAdmin);
        var person = await host.AddAsync("skills-forward", Roles.Intake);
        var oldRecoveryCode = await host.WithServiceAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<StaffAccount>>();
            return (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(person.StaffId))!, 10))!.First();
        });

        var setUpPath = await ResetAsync(admin, person);
        var enrolling = host.NewBrowser();
        var setUp = await enrolling.GetAsync(setUpPath);
        var newSecret = WebUtility.HtmlDecode(Regex.Match(setUp.Html, """<code id="totp-secret">([^<]+)</code>""").Groups[1].Value);
        Assert.Contains("Your account is ready", (await enrolling.SubmitAsync(setUp, ("password", NewPassword), ("code", Totp.Code(newSecret, DateTimeOffset.UtcNow)))).Html);

        var browser = host.NewBrowser();
        await browser.FollowAsync(await browser.SubmitAsync(await browser.StartAsync(), ("email", person.Email), ("password", NewPassword)));
        var withOldRecoveryCode = await browser.SubmitAsync(await browser.GetAsync($"/signin/recovery?returnUrl={Uri.EscapeDataString("/staff")}"), ("recoveryCode", oldRecoveryCode));

        Assert.Equal(HttpStatusCode.OK, withOldRecoveryCode.Response.StatusCode);
        Assert.Equal("That recovery code is not right, or was used before.", withOldRecoveryCode.Alert);
    }

    /// <summary>The admin resets the person's second factor on their account page; the set-up link's path.</summary>
    async Task<string> ResetAsync(NewStaff.Person admin, NewStaff.Person person)
    {
        var (browser, _) = await host.StaffPagesAsync(admin);
        var reset = await browser.SubmitFormAsync(await browser.GetAsync($"/staff/{person.StaffId}"), $"/staff/{person.StaffId}/reset-second-factor");
        Assert.Equal(HttpStatusCode.OK, reset.Response.StatusCode);
        Assert.Contains("Second factor removed", reset.Html);
        var link = WebUtility.HtmlDecode(Regex.Match(reset.Html, """<code id="setup-link">([^<]+)</code>""").Groups[1].Value);
        Assert.StartsWith($"{IdentityHost.Issuer}setup/{person.StaffId}/", link);
        return new Uri(link).PathAndQuery;
    }
}
