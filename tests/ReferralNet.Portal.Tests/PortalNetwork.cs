using Microsoft.Playwright;
using ReferralNet.Testing;

namespace ReferralNet.Portal.Tests;

/// <summary>
/// The real network for the browser tests: a private broker, Shelter, LegalAid, Medical and
/// Vocational, the identity service (with the development accounts of seeds/staff.json) and the
/// portal signing in there, each a process of its own (its built dll) on free loopback ports with
/// its own SQLite file; and one headless Debian Chromium, never a downloaded browser.
/// The portal calls the services with each person's access token, which the services validate
/// against that identity service.
/// </summary>
public sealed class PortalNetwork : IAsyncLifetime
{
    /// <summary>The dashboard the portal links traces to (not started under tests: the link is what is checked).</summary>
    public const string DashboardUrl = "http://127.0.0.1:18888";
    const string Chromium = "/usr/bin/chromium";

    ProcessNetwork? _network;
    ServiceProcess? _identity;
    ServiceProcess? _portal;
    IPlaywright? _playwright;

    /// <summary>The broker, the services and the portal.</summary>
    public ProcessNetwork Network => _network ?? throw new InvalidOperationException("the portal network has not been started");
    public ServiceProcess Portal => _portal ?? throw new InvalidOperationException("the portal has not been started");
    /// <summary>The identity service the portal signs in at.</summary>
    public ServiceProcess Identity => _identity ?? throw new InvalidOperationException("the identity service has not been started");
    public Uri IdentityUrl => Identity.RestUrl;
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
        // The identity service and the portal name each other (issuer; redirect URIs), and the services
        // validate tokens against the identity service: every port is chosen first.
        var ports = FreePort.Next(2);
        var identityUrl = new Uri($"http://127.0.0.1:{ports[0]}");
        var portalUrl = new Uri($"http://127.0.0.1:{ports[1]}");
        _network = await ProcessNetwork.StartAsync(new ProcessNetworkOptions
        {
            Name = "portal-tests",
            Checkout = Repository.Checkout,
            Configuration = Repository.Configuration,
            Settings = new Dictionary<string, string> { ["ReferralNet:Identity:Authority"] = identityUrl.ToString() },
        }, ct);
        try
        {
            await StartIdentityAndPortalAsync(identityUrl, portalUrl, ct);
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

    async Task StartIdentityAndPortalAsync(Uri identityUrl, Uri portalUrl, CancellationToken ct)
    {
        var network = Network;
        var checkout = Repository.Checkout;
        _identity = IdentityProcess.Start(checkout, Repository.Configuration, network.ConnectionString, network.Folder, identityUrl, portalUrl);
        var portal = IdentityProcess.PortalSettings(identityUrl);
        portal["ReferralNet:DashboardUrl"] = DashboardUrl;
        foreach (var service in network.Services)
        {
            var name = service.Name.ToLowerInvariant();
            portal[$"ReferralNet:Services:{name}:Rest"] = service.RestUrl.ToString().TrimEnd('/');
            portal[$"ReferralNet:Services:{name}:Grpc"] = service.GrpcUrl.ToString().TrimEnd('/');
        }
        _portal = ServiceProcess.Start("Portal", checkout.ServiceDll("Portal", Repository.Configuration), network.ConnectionString, checkout.SeedsFolder, network.Folder, portal, portalUrl);
        await Task.WhenAll(_identity.WaitUntilHealthyAsync(ct), _portal.WaitUntilHealthyAsync(ct));
    }

    /// <summary>A new browser context (its own cookies) on the portal, not signed in.</summary>
    public async Task<PortalSession> NewSessionAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = PortalUrl.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(30_000);
        return new PortalSession(context, await context.NewPageAsync());
    }

    /// <summary>A browser signed in through the identity service (password and TOTP) as a seeded account, at <paramref name="width"/> pixels.</summary>
    public async Task<PortalSession> SignInAsync(string email, int width = 1280, int height = 900)
    {
        var session = await NewSessionAsync(width, height);
        await session.SignInAsync(email, StaffSeeds.Password, StaffSeeds.TotpSecret(email));
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
    public string DescribeLogs() => string.Join("\n", Network.Services.Append(Identity).Append(Portal).Select(p => p.DescribeLog(25)));

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        foreach (var process in new[] { _portal, _identity })
        {
            if (process is null)
                continue;
            try
            {
                await process.StopAsync(TimeSpan.FromSeconds(20));
                await process.DisposeAsync();
            }
            catch (Exception e) { Console.Error.WriteLine($"Could not stop {process.Name}: {e.Message}"); }
        }
        _portal = _identity = null;
        if (_network is not null)
            await _network.DisposeAsync();
    }
}
