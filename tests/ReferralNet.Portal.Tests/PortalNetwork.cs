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

    readonly string _folder = Directory.CreateTempSubdirectory("referralnet-portal-tests-").FullName;
    readonly List<ServiceProcess> _processes = [];
    RabbitMqBroker? _broker;
    IPlaywright? _playwright;

    public Dictionary<string, ServiceProcess> Services { get; } = new(StringComparer.OrdinalIgnoreCase);
    public ServiceProcess Portal { get; private set; } = null!;
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
        try
        {
            _broker = await RabbitMqBroker.StartAsync(ct);
            var seeds = Path.Combine(Repository.Root, "seeds");
            foreach (var name in new[] { "Shelter", "LegalAid", "Medical", "Vocational" })
            {
                var process = ServiceProcess.Start(name, Repository.Dll(name), _broker.ConnectionString, seeds, _folder);
                _processes.Add(process);
                Services[name.ToLowerInvariant()] = process;
            }
            var settings = new Dictionary<string, string> { ["ReferralNet:DashboardUrl"] = DashboardUrl };
            foreach (var (name, service) in Services)
            {
                settings[$"ReferralNet:Services:{name}:Rest"] = service.RestUrl.ToString().TrimEnd('/');
                settings[$"ReferralNet:Services:{name}:Grpc"] = service.GrpcUrl.ToString().TrimEnd('/');
            }
            Portal = ServiceProcess.Start("Portal", Repository.Dll("Portal"), _broker.ConnectionString, seeds, _folder, settings);
            _processes.Add(Portal);
            await Task.WhenAll(_processes.Select(p => p.WaitUntilHealthyAsync(ct)));

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
            foreach (var process in _processes)
                Console.Error.WriteLine(process.DescribeLog(40));
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
        var client = new HttpClient { BaseAddress = Services[service].RestUrl, Timeout = TimeSpan.FromSeconds(30) };
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
    public string DescribeLogs() => string.Join("\n", _processes.Select(p => p.DescribeLog(25)));

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        // The portal first (it holds circuits open to the services), the broker last.
        foreach (var process in Enumerable.Reverse(_processes))
            await process.DisposeAsync();
        if (_broker is not null)
            await _broker.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A process still closing a file: the temporary folder is left for the OS.
        }
    }
}
