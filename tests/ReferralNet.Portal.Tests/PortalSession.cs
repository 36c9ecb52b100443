using Microsoft.Playwright;

namespace ReferralNet.Portal.Tests;

/// <summary>One signed-in browser (its own cookies) on the portal.</summary>
public sealed class PortalSession(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    /// <summary>Opens the portal, is sent to the identity service, and signs in with password and the authenticator code.</summary>
    public async Task SignInAsync(string email, string password, string totpSecret)
    {
        await Page.GotoAsync("/");
        await EnterPasswordAsync(email, password);
        await EnterCodeAsync(totpSecret);
        // Back from the identity service (which has no page at /) on the portal's start page.
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
    }

    /// <summary>On the identity service's sign-in page: e-mail and password.</summary>
    public async Task EnterPasswordAsync(string email, string password)
    {
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/signin");
        await Page.Locator("#email").FillAsync(email);
        await Page.Locator("#password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
    }

    /// <summary>On the identity service's code page: the current TOTP code, computed from the secret as an authenticator app would.</summary>
    public async Task EnterCodeAsync(string totpSecret)
    {
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/signin/code");
        await Page.Locator("#code").FillAsync(ReferralNet.Testing.Totp.Code(totpSecret, DateTimeOffset.UtcNow));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>
    /// Opens a page and waits until its circuit is interactive: Blazor renders on the server first and
    /// enables the page's controls once the circuit is up (<paramref name="ready"/> must then be enabled).
    /// </summary>
    public async Task OpenAsync(string path, string ready = "main h1")
    {
        await Page.GotoAsync(path);
        await Assertions.Expect(Page.Locator(ready).First).ToBeVisibleAsync();
        // The sign-in and access-denied pages have a heading too: without this, a test of a page
        // the organisation was sent away from would check those pages instead and still pass.
        // (This file is shared with the latency command, which has no xunit: hence no Assert.)
        if (new Uri(Page.Url).AbsolutePath != path)
            throw new InvalidOperationException($"opening {path} ended on {new Uri(Page.Url).AbsolutePath} instead");
    }

    /// <summary>Waits until the interactive controls of the page are enabled (the circuit is connected).</summary>
    public Task InteractiveAsync(string control) => Assertions.Expect(Page.Locator(control).First).ToBeEnabledAsync();

    /// <summary>Saves a full-page screenshot as artifacts/screenshots/&lt;name&gt;.png.</summary>
    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(Repository.ScreenshotFolder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Repository.ScreenshotFolder, $"{name}.png"), FullPage = true });
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
