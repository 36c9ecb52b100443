using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using ReferralNet.Protos.Shelter.V1;
using ReferralNet.Testing;

namespace ReferralNet.Attacks.Tests.Edges;

/// <summary>
/// One organisation floods the Shelter service with REST and gRPC calls (limits set low for the
/// test: 20 a second, bursts of 20): past its limit it is told to wait (429 with Retry-After;
/// ResourceExhausted with retry-after), while another organisation's calls are still served.
/// </summary>
public sealed class Call_flood(BrokerFixture broker) : IAsyncLifetime
{
    const int Calls = 200;
    readonly string _folder = Directory.CreateTempSubdirectory("referralnet-attacks-").FullName;
    ServiceProcess _shelter = null!;

    public async ValueTask InitializeAsync() =>
        _shelter = await AttackedProcess.StartAsync("Shelter", await broker.NewVirtualHostAsync(), _folder, new Dictionary<string, string>
        {
            ["ReferralNet:RateLimits:PerOrganisationPerSecond"] = "20",
            ["ReferralNet:RateLimits:PerOrganisationBurst"] = "20",
        });

    [Fact]
    public async Task A_flood_of_rest_calls_from_one_organisation_gets_429_with_retry_after_while_another_is_served()
    {
        var ct = TestContext.Current.CancellationToken;
        using var flooder = AttackedProcess.Rest(_shelter, "harbour-house");
        using var other = AttackedProcess.Rest(_shelter, "safe-haven");

        var answers = await Task.WhenAll(Enumerable.Range(0, Calls).Select(_ => flooder.GetAsync("/api/shelters", ct)));
        using var served = await other.GetAsync("/api/shelters", ct);

        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.True(refused.Count >= Calls / 2, $"{refused.Count} of {Calls} calls in a burst were refused with 429");
        Assert.All(refused, a => Assert.True(a.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, "a 429 without Retry-After in seconds"));
        Assert.Contains("too many calls from your organisation", await refused[0].Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        foreach (var answer in answers) answer.Dispose();
    }

    [Fact]
    public async Task A_flood_of_grpc_calls_from_one_organisation_gets_resource_exhausted_with_retry_after()
    {
        var ct = TestContext.Current.CancellationToken;
        using var channel = GrpcChannel.ForAddress(_shelter.GrpcUrl);
        var beds = new BedLookup.BedLookupClient(channel);
        var flooder = AttackedProcess.SignedIn("harbour-house");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, Calls).Select(async Task<(StatusCode Status, string? RetryAfter)> (_) =>
        {
            try
            {
                await beds.FindBedsAsync(new FindBedsRequest(), flooder, cancellationToken: ct);
                return (Status: StatusCode.OK, RetryAfter: (string?)null);
            }
            catch (RpcException e)
            {
                return (Status: e.StatusCode, RetryAfter: e.Trailers.GetValue("retry-after"));
            }
        }));
        var served = await beds.FindBedsAsync(new FindBedsRequest(), AttackedProcess.SignedIn("safe-haven"), cancellationToken: ct);

        var exhausted = outcomes.Where(o => o.Status == StatusCode.ResourceExhausted).ToList();
        Assert.True(exhausted.Count >= Calls / 2, $"{exhausted.Count} of {Calls} gRPC calls were refused with ResourceExhausted; statuses: {string.Join(", ", outcomes.GroupBy(o => o.Status).Select(g => $"{g.Key} {g.Count()}"))}");
        Assert.All(exhausted, o => Assert.True(int.TryParse(o.RetryAfter, out var seconds) && seconds >= 1, $"retry-after was '{o.RetryAfter}'"));
        Assert.NotEmpty(served.Shelters);
    }

    public async ValueTask DisposeAsync()
    {
        await _shelter.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
