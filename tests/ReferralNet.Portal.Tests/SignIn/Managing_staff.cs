using System.Diagnostics;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ReferralNet.Portal.Tests.SignIn;

/// <summary>An org admin at the identity service's staff pages, reached from the portal's menu.</summary>
public sealed class Managing_staff(PortalNetwork network)
{
    const string Admin = "org-admin@new-paths.example";

    [Fact]
    public async Task An_invited_person_sets_a_password_and_enrols_an_authenticator_through_the_link_then_signs_in()
    {
        var (link, _) = await InviteAsync($"new-{Guid.NewGuid():N}"[..12] + "@new-paths.example", "caseworker");
        var (email, secret) = await SetUpAsync(link);

        await using var person = await network.NewSessionAsync();
        await person.SignInAsync(email, NewPassword, secret);
        var nav = person.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Survivors", Exact = true })).ToBeVisibleAsync();

        // The link works once.
        await using var again = await network.NewSessionAsync();
        var second = await again.Page.GotoAsync(link);
        Assert.Equal(404, second!.Status);
    }

    [Fact]
    public async Task A_disabled_account_loses_its_portal_session_within_a_minute()
    {
        var (link, staffId) = await InviteAsync($"leaver-{Guid.NewGuid():N}"[..14] + "@new-paths.example", "caseworker");
        var (email, secret) = await SetUpAsync(link);
        await using var person = await network.NewSessionAsync();
        await person.SignInAsync(email, NewPassword, secret);
        await person.OpenAsync("/survivors");

        await using var admin = await network.SignInAsync(Admin);
        await admin.Page.GotoAsync(new Uri(network.IdentityUrl, $"/staff/{staffId}").ToString());
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Disable account" }).ClickAsync();
        await Expect(admin.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("disabled");
        var clock = Stopwatch.StartNew();

        // Within a minute the portal session is over: the next visit is sent to sign in again.
        var lost = TimeSpan.Zero;
        while (clock.Elapsed < TimeSpan.FromSeconds(75))
        {
            await person.Page.GotoAsync("/survivors");
            if (new Uri(person.Page.Url).AbsolutePath == "/signin")
            {
                lost = clock.Elapsed;
                break;
            }
            await Task.Delay(2_000);
        }
        Assert.NotEqual(TimeSpan.Zero, lost);
        Assert.True(lost < TimeSpan.FromMinutes(1), $"the disabled account kept the portal for {lost.TotalSeconds:0} s");
        TestContext.Current.SendDiagnosticMessage($"disabled account lost the portal after {lost.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task An_org_admin_cannot_open_another_organisations_staff_account()
    {
        await using var admin = await network.SignInAsync(Admin);
        await admin.Page.GotoAsync(new Uri(network.IdentityUrl, "/staff").ToString());
        await Expect(admin.Page.Locator("table")).ToContainTextAsync("caseworker@new-paths.example");
        await Expect(admin.Page.Locator("table")).Not.ToContainTextAsync("justice-bridge");

        var staffId = await StaffIdOfAsync(admin, "org-admin@justice-bridge.example");
        Assert.Null(staffId);
    }

    const string NewPassword = "a-long-enough-new-password";

    async Task<(string Link, string StaffId)> InviteAsync(string email, string role)
    {
        await using var admin = await network.SignInAsync(Admin);
        await admin.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Staff", Exact = true }).ClickAsync();
        await admin.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/staff");
        await admin.Page.Locator("#email").FillAsync(email);
        await admin.Page.Locator($"#role-{role}").CheckAsync();
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Create a set-up link" }).ClickAsync();
        var link = (await admin.Page.Locator("#setup-link").TextContentAsync())!.Trim();
        var staffId = await StaffIdOfAsync(admin, email) ?? throw new InvalidOperationException($"{email} is not in the staff list");
        await Expect(admin.Page.Locator($"tr[data-staff-id='{staffId}']")).ToContainTextAsync("not enrolled");
        return (link, staffId);
    }

    async Task<(string Email, string Secret)> SetUpAsync(string link)
    {
        await using var person = await network.NewSessionAsync();
        await person.Page.GotoAsync(link);
        var email = (await person.Page.Locator("main p").First.TextContentAsync())!.Replace("Account ", "").TrimEnd('.').Trim();
        var secret = (await person.Page.Locator("#totp-secret").TextContentAsync())!.Trim();
        await Expect(person.Page.Locator("#otpauth-uri")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^otpauth://totp/"));
        await person.Page.Locator("#password").FillAsync(NewPassword);
        await person.Page.Locator("#code").FillAsync(ReferralNet.Testing.Totp.Code(secret, DateTimeOffset.UtcNow));
        await person.Page.GetByRole(AriaRole.Button, new() { Name = "Set up my account" }).ClickAsync();
        await Expect(person.Page.Locator("main h1")).ToHaveTextAsync("Your account is ready");
        return (email, secret);
    }

    static async Task<string?> StaffIdOfAsync(PortalSession admin, string email)
    {
        var row = admin.Page.Locator("tr[data-staff-id]", new() { HasText = email });
        return await row.CountAsync() == 0 ? null : await row.First.GetAttributeAsync("data-staff-id");
    }
}
