using System.Net;
using System.Net.Http.Headers;
using System.Runtime.Versioning;

namespace ReferralNet.Attacks.Tests.Dashboard;

/// <summary>
/// The dashboard holds every service's traces, logs and metrics. Started the way deploy/up.sh
/// starts it, it lets in only whoever holds its data folder's secrets: the login token for the
/// UI, the API key for the telemetry API, the intake key for OTLP.
/// </summary>
public sealed class Dashboard_without_its_key(RunningAppHost running) : IClassFixture<RunningAppHost>
{
    static readonly TimeSpan TelemetryTimeout = TimeSpan.FromSeconds(150);
    LocalAppHost AppHost => running.AppHost;

    [Fact]
    public async Task The_telemetry_api_refuses_a_call_without_the_api_key_or_with_another_key()
    {
        using var http = new HttpClient();
        var traces = new Uri(AppHost.DashboardUrl, "/api/telemetry/traces");

        using var anonymous = await http.GetAsync(traces, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var withIntakeKey = await SendAsync(http, HttpMethod.Get, traces, ("x-api-key", Secret("otlp-api-key")));
        using var withApiKey = await SendAsync(http, HttpMethod.Get, traces, ("x-api-key", Secret("api-key")));

        Assert.Equal(HttpStatusCode.Unauthorized, withIntakeKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withApiKey.StatusCode);
    }

    [Fact]
    public async Task The_ui_sends_a_visitor_without_the_login_token_to_the_login_page_and_lets_the_token_in()
    {
        var ct = TestContext.Current.CancellationToken;
        using var stranger = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true });
        using var guess = await stranger.GetAsync(new Uri(AppHost.DashboardUrl, "/login?t=0123456789abcdef0123456789abcdef"), ct);
        using var strangerHome = await stranger.GetAsync(new Uri(AppHost.DashboardUrl, "/"), ct);
        Assert.Equal(HttpStatusCode.Redirect, strangerHome.StatusCode);
        Assert.StartsWith("/login", strangerHome.Headers.Location?.PathAndQuery ?? "");

        using var owner = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true });
        using var login = await owner.GetAsync(new Uri(AppHost.DashboardUrl, $"/login?t={Secret("browser-token")}"), ct);
        using var ownerHome = await owner.GetAsync(new Uri(AppHost.DashboardUrl, "/"), ct);

        Assert.Equal(HttpStatusCode.OK, ownerHome.StatusCode);
    }

    [Fact]
    public async Task The_otlp_intake_refuses_telemetry_without_the_intake_key()
    {
        using var http = new HttpClient();
        var export = new Uri(AppHost.OtlpUrl, "/opentelemetry.proto.collector.trace.v1.TraceService/Export");

        using var anonymous = await ExportEmptyAsync(http, export, key: null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var withApiKey = await ExportEmptyAsync(http, export, Secret("api-key"));
        using var withIntakeKey = await ExportEmptyAsync(http, export, Secret("otlp-api-key"));

        Assert.Equal(HttpStatusCode.Unauthorized, withApiKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withIntakeKey.StatusCode);
    }

    [Fact]
    public async Task The_services_send_their_telemetry_with_the_intake_key()
    {
        using var http = new HttpClient();
        var resources = new Uri(AppHost.DashboardUrl, "/api/telemetry/resources");
        var deadline = DateTime.UtcNow + TelemetryTimeout;
        var seen = "";
        while (DateTime.UtcNow < deadline)
        {
            using var answer = await SendAsync(http, HttpMethod.Get, resources, ("x-api-key", Secret("api-key")));
            seen = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            if (new[] { "shelter", "legalaid", "medical", "vocational" }.All(s => seen.Contains($"\"name\":\"{s}\"", StringComparison.Ordinal)))
                return;
            await Task.Delay(1000, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"within {TelemetryTimeout.TotalSeconds:0} s the dashboard did not receive telemetry from all four services; it lists: {seen}");
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public void The_secrets_are_made_for_the_data_folder_and_only_its_owner_can_read_them()
    {
        var folder = Path.GetDirectoryName(AppHost.DashboardFile("api-key"))!;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        var secrets = new[] { "browser-token", "api-key", "otlp-api-key" };
        foreach (var name in secrets)
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(AppHost.DashboardFile(name)));
        Assert.Equal(3, secrets.Select(Secret).Distinct().Count());
    }

    string Secret(string name) => File.ReadAllText(AppHost.DashboardFile(name)).Trim();

    static Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, Uri uri, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, uri);
        foreach (var (name, value) in headers)
            request.Headers.Add(name, value);
        return http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    // An empty ExportTraceServiceRequest in one gRPC frame (no compression, length 0), over h2c.
    static Task<HttpResponseMessage> ExportEmptyAsync(HttpClient http, Uri export, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, export)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(new byte[5]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (key is not null)
            request.Headers.Add("x-otlp-api-key", key);
        return http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
