using Microsoft.Playwright;
using ReferralNet.Testing;

namespace ReferralNet.Portal.Tests;

/// <summary>
/// The real network for the browser tests: a private broker, Shelter, LegalAid, Medical and
/// Vocational, and the portal, each a process of its own (its built dll) on free loopback ports with
/// its own SQLite file; and one headless Debian Chromium, never a downloaded browser.
/// </summary>
public sealed class PortalNetwork : IAsyncLifetime
{
    /// <summary>The dashboard the portal links traces to (not started under tests: the link is what is checked).</summary>
    public const string DashboardUrl = "http://127.0.0.1:18888";
    const string Chromium = "/usr/bin/chromium";

    ProcessNetwork? _network;
    IPlaywright? _playwright;

    /// <summary>The broker, the services and the portal.</summary>
    public ProcessNetwork Network => _network ?? throw new InvalidOperationException("the portal network has not been started");
    public ServiceProcess Portal => Network.Portal!;
    public IBrowser Browser { get; private set; } = null!;
    public Uri PortalUrl => Portal.RestUrl;

    public async ValueTask InitializeAsync() => await StartAsync(TestContext.Current.CancellationToken);

    /// <summary>Starts the broker, the services, the portal and Chromium (the latency command calls this outside xunit).</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"{Chromium} is missing: apt-get install -y chromium (deploy/test.sh does)");
        // Never fetch a browser: the machine has no internet, and Debian's Chromium is the one to test.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _network = await ProcessNetwork.StartAsync(new ProcessNetworkOptions
        {
            Name = "portal-tests",
            Checkout = Repository.Checkout,
            Configuration = Repository.Configuration,
            Portal = true,
            PortalSettings = new Dictionary<string, string> { ["ReferralNet:DashboardUrl"] = DashboardUrl },
        }, ct);
        try
        {
            _playwright = await Playwright.CreateAsync();
            Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-dev-shm-usage"],
            });
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>A signed-in browser context and page for one organisation, at <paramref name="width"/> pixels.</summary>
    public async Task<PortalSession> SignInAsync(string organisationId, int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = PortalUrl.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var session = new PortalSession(context, page);
        await session.SignInAsync(organisationId);
        return session;
    }

    /// <summary>A REST client for one service with an organisation's development key.</summary>
    public HttpClient ClientFor(string service, string apiKey)
    {
        var client = new HttpClient { BaseAddress = Network[service].RestUrl, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>Everything the portal has written to its log so far (standard output and error).</summary>
    public string PortalLog()
    {
        using var stream = new FileStream(Portal.LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The portal's and the services' last log lines, to explain a failed test.</summary>
    public string DescribeLogs() => string.Join("\n", Network.Services.Append(Portal).Select(p => p.DescribeLog(25)));

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_network is not null)
            await _network.DisposeAsync();
    }
}
