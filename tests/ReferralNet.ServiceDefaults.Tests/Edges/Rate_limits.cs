using System.Net;

namespace ReferralNet.ServiceDefaults.Tests.Edges;

public sealed class Rate_limits
{
    const string HarbourHouse = "dev-harbour-house-7f3a9c";
    const string SafeHaven = "dev-safe-haven-2b8e41";
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static Task<EdgeApp> AppAsync() => EdgeApp.StartAsync(new Dictionary<string, string?>
    {
        ["ReferralNet:RateLimits:PerOrganisationPerSecond"] = "1",
        ["ReferralNet:RateLimits:PerOrganisationBurst"] = "3",
        ["ReferralNet:RateLimits:AnonymousPerSecond"] = "1",
        ["ReferralNet:RateLimits:AnonymousBurst"] = "2",
    });

    [Fact]
    public async Task An_organisation_past_its_burst_gets_429_with_retry_after_and_a_detail_that_says_to_wait()
    {
        await using var app = await AppAsync();
        using var client = app.Client(HarbourHouse);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 5; i++)
        {
            var answer = await client.GetAsync("/api/ping", Ct);
            statuses.Add(answer.StatusCode);
            if (answer.StatusCode == HttpStatusCode.TooManyRequests) refused ??= answer;
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses.Take(3));
        Assert.NotNull(refused);
        Assert.True(refused.Headers.RetryAfter?.Delta?.TotalSeconds >= 1, "no Retry-After in seconds");
        Assert.Contains("too many calls from your organisation", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_organisation_has_its_own_limit()
    {
        await using var app = await AppAsync();
        using var flooder = app.Client(HarbourHouse);
        for (var i = 0; i < 5; i++)
            await flooder.GetAsync("/api/ping", Ct);

        var other = await app.Client(SafeHaven).GetAsync("/api/ping", Ct);

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Calls_without_credentials_are_limited_by_address_and_health_probes_never()
    {
        await using var app = await AppAsync();
        using var anonymous = app.Client();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await anonymous.GetAsync("/open", Ct)).StatusCode);
        var health = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
            health.Add((await anonymous.GetAsync("/alive", Ct)).StatusCode);

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.All(health, status => Assert.Equal(HttpStatusCode.OK, status));
    }
}
