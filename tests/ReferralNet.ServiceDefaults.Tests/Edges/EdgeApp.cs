using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using ReferralNet.ServiceDefaults.Identity;
using ReferralNet.Testing;

namespace ReferralNet.ServiceDefaults.Tests.Edges;

/// <summary>A service made of the defaults, organisation sign-in and one endpoint, on a TestServer (host "localhost").</summary>
public sealed class EdgeApp : IAsyncDisposable
{
    readonly WebApplication _app;

    EdgeApp(WebApplication app) => _app = app;

    public static async Task<EdgeApp> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
        {
            ["ReferralNet:SeedsPath"] = Checkout.Find().SeedsFolder,
        });
        builder.AddServiceDefaults();
        builder.AddOrganisationIdentity();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/api/ping", () => "pong");
        app.MapGet("/open", () => "open").AllowAnonymous();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        return new EdgeApp(app);
    }

    /// <summary>A client of the test server, signed in with <paramref name="apiKey"/> when given.</summary>
    public HttpClient Client(string? apiKey = null)
    {
        var client = _app.GetTestClient();
        if (apiKey is not null)
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
