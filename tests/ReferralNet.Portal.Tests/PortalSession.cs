using Microsoft.Playwright;

namespace ReferralNet.Portal.Tests;

/// <summary>One signed-in browser (its own cookies) on the portal.</summary>
public sealed class PortalSession(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public async Task SignInAsync(string organisationId)
    {
        await Page.GotoAsync("/signin");
        await Page.Locator($"#org-{organisationId}").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
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
