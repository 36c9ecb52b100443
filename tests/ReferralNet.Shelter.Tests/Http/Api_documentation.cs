using System.Net;
using System.Text.Json;
using Xunit;

namespace ReferralNet.Shelter.Tests.Http;

/// <summary>The service publishes its OpenAPI document, with how to sign in and every route in it.</summary>
public sealed class Api_documentation(SharedShelter shared) : IClassFixture<SharedShelter>
{
    [Fact]
    public async Task Describes_every_route_the_service_maps()
    {
        Assert.Empty(await shared.Shelter.UndocumentedRoutesAsync());
    }

    [Fact]
    public async Task Is_open_without_credentials_and_declares_oauth_and_the_problem_answers()
    {
        using var anonymous = shared.Shelter.ClientFor(null);
        using var response = await anonymous.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var oauth = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("oauth2");
        Assert.Equal("oauth2", oauth.GetProperty("type").GetString());
        Assert.EndsWith("/connect/token", oauth.GetProperty("flows").GetProperty("clientCredentials").GetProperty("tokenUrl").GetString());
        Assert.True(oauth.GetProperty("flows").GetProperty("authorizationCode").GetProperty("scopes").TryGetProperty("shelter", out _));

        var beds = document.RootElement.GetProperty("paths").EnumerateObject().First(p => p.Name.StartsWith("/api/shelters", StringComparison.Ordinal));
        foreach (var operation in beds.Value.EnumerateObject())
            foreach (var status in new[] { "401", "403", "429" })
                Assert.True(operation.Value.GetProperty("responses").TryGetProperty(status, out _), $"{operation.Name.ToUpperInvariant()} {beds.Name} does not declare {status}");
    }

    [Fact]
    public async Task Can_be_browsed()
    {
        using var anonymous = shared.Shelter.ClientFor(null);
        using var response = await anonymous.GetAsync("/scalar", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Scalar", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
