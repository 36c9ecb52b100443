using ReferralNet.Testing;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ReferralNet.Portal.Tests.SignIn;

public sealed class Signing_in(PortalNetwork network)
{
    [Fact]
    public async Task A_visitor_signs_in_at_the_identity_service_with_password_and_authenticator_code()
    {
        await using var session = await network.NewSessionAsync();
        var page = session.Page;

        await page.GotoAsync("/referrals/sent");

        // Sent to the identity service, not to a page of the portal's own.
        Assert.Equal(network.IdentityUrl.Authority, new Uri(page.Url).Authority);
        await Expect(page.Locator("#password")).ToBeVisibleAsync();
        await session.ScreenshotAsync("01-sign-in");
        await session.EnterPasswordAsync("caseworker@justice-bridge.example", StaffSeeds.Password);
        await session.EnterCodeAsync(StaffSeeds.TotpSecret("caseworker@justice-bridge.example"));

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/referrals/sent");
        Assert.Equal(network.PortalUrl.Authority, new Uri(page.Url).Authority);
        await Expect(page.Locator("header")).ToContainTextAsync("Justice Bridge Legal Aid");
        var cookies = await page.Context.CookiesAsync([network.PortalUrl.ToString()]);
        var portalCookie = cookies.Single(c => c.Name == "referralnet-portal");
        Assert.True(portalCookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, portalCookie.SameSite);
    }

    [Fact]
    public async Task A_caseworker_gets_the_caseworker_pages_and_not_the_intake_shelter_or_operator_pages()
    {
        await using var session = await network.SignInAsync("caseworker@justice-bridge.example");
        var page = session.Page;

        await Expect(page.Locator("header")).ToContainTextAsync("Justice Bridge Legal Aid");
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        foreach (var link in new[] { "Survivors", "Find capacity", "New referral", "Sent" })
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = link, Exact = true })).ToBeVisibleAsync();
        foreach (var link in new[] { "Received", "Bed board", "Operations", "Staff" })
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = link, Exact = true })).ToHaveCountAsync(0);
        await session.ScreenshotAsync("02-start-caseworker");

        foreach (var path in new[] { "/operations", "/referrals/received", "/beds" })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("main h1")).ToHaveTextAsync("Not for your organisation");
        }
    }

    [Fact]
    public async Task Intake_staff_get_the_received_referrals_and_not_the_caseworker_pages()
    {
        await using var session = await network.SignInAsync("intake@st-mary-clinic.example");
        var nav = session.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Received", Exact = true })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Survivors", Exact = true })).ToHaveCountAsync(0);
        await session.Page.GotoAsync("/survivors");
        await Expect(session.Page.Locator("main h1")).ToHaveTextAsync("Not for your organisation");
    }

    [Fact]
    public async Task An_org_admin_gets_a_link_to_the_staff_pages_at_the_identity_service()
    {
        await using var session = await network.SignInAsync("org-admin@valley-health.example");
        var nav = session.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Staff", Exact = true })).ToHaveAttributeAsync("href", new Uri(network.IdentityUrl, "/staff").ToString());
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Survivors", Exact = true })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_operator_gets_only_the_operator_pages()
    {
        await using var session = await network.SignInAsync("operator@network-ops.example");
        var page = session.Page;

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(nav.GetByRole(AriaRole.Link)).ToHaveCountAsync(2);
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Operations" })).ToBeVisibleAsync();

        foreach (var path in new[] { "/survivors", "/referrals/received", "/beds" })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("main h1")).ToHaveTextAsync("Not for your organisation");
        }
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_then_the_right_one_is_refused_too()
    {
        const string email = "intake@open-door-law.example";
        await using var session = await network.NewSessionAsync();
        await session.Page.GotoAsync("/");

        for (var attempt = 1; attempt <= 5; attempt++)
            await session.EnterPasswordAsync(email, $"not-the-password-{attempt}");
        await Expect(session.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("locked");
        await session.EnterPasswordAsync(email, StaffSeeds.Password);

        await Expect(session.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("locked");
        Assert.Equal("/signin", new Uri(session.Page.Url).AbsolutePath);
    }

    [Fact]
    public async Task Signing_out_ends_the_identity_session_too_so_the_next_visit_asks_for_the_password()
    {
        await using var session = await network.SignInAsync("caseworker@skills-forward.example");
        var page = session.Page;

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/signin");

        Assert.Equal(network.IdentityUrl.Authority, new Uri(page.Url).Authority);
        await Expect(page.Locator("#password")).ToBeVisibleAsync();
        await page.GotoAsync(network.PortalUrl + "referrals/sent");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/signin");
        await Expect(page.Locator("#password")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_sign_out_without_the_pages_form_token_signs_no_one_out()
    {
        await using var session = await network.SignInAsync("caseworker@new-paths.example");

        var response = await session.Page.APIRequest.PostAsync("/account/signout");

        Assert.Equal(400, response.Status);
        await session.Page.GotoAsync("/referrals/sent");
        Assert.Equal("/referrals/sent", new Uri(session.Page.Url).AbsolutePath);
    }
}
