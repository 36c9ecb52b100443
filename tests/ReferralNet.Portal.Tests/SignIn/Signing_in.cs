using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ReferralNet.Portal.Tests.SignIn;

public sealed class Signing_in(PortalNetwork network)
{
    [Fact]
    public async Task A_visitor_who_is_not_signed_in_is_sent_to_the_sign_in_page_listing_the_seeded_organisations()
    {
        var context = await network.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = network.PortalUrl.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/referrals/received");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        await Expect(page.GetByLabel("Harbour House Shelter")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("ReferralNet Operations")).ToBeVisibleAsync();
        await new PortalSession(context, page).ScreenshotAsync("01-sign-in");
        await context.DisposeAsync();
    }

    [Fact]
    public async Task A_caseworker_gets_the_caseworker_and_recipient_pages_and_not_the_operator_page()
    {
        await using var session = await network.SignInAsync("justice-bridge");
        var page = session.Page;

        await Expect(page.Locator("header")).ToContainTextAsync("Justice Bridge Legal Aid");
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        foreach (var link in new[] { "Survivors", "Find capacity", "New referral", "Sent", "Received" })
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = link, Exact = true })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Bed board" })).ToHaveCountAsync(0);
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Operations" })).ToHaveCountAsync(0);
        await session.ScreenshotAsync("02-start-caseworker");

        await page.GotoAsync("/operations");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Not for your organisation");
    }

    [Fact]
    public async Task The_operator_gets_only_the_operator_pages()
    {
        await using var session = await network.SignInAsync("network-ops");
        var page = session.Page;

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(nav.GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Operations" })).ToBeVisibleAsync();

        foreach (var path in new[] { "/survivors", "/referrals/received", "/beds" })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("main h1")).ToHaveTextAsync("Not for your organisation");
        }
    }
}
