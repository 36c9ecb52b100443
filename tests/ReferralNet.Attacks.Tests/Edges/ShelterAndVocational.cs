using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using ReferralNet.Protos.Shelter.V1;
using ReferralNet.Testing;

namespace ReferralNet.Attacks.Tests.Edges;

/// <summary>
/// The Shelter and Vocational services as their own processes on one fresh virtual host, seeded
/// from seeds/: a vocational programme (new-paths) refers to the shelters and calls their gRPC
/// lookups the way any outside client would.
/// </summary>
public sealed class ShelterAndVocational(BrokerFixture broker) : IAsyncLifetime
{
    public const string NewPaths = "dev-new-paths-4c1b6d";
    public const string JusticeBridge = "dev-justice-bridge-51f0a2";
    public const string HarbourHouse = "dev-harbour-house-7f3a9c";

    readonly string _folder = Directory.CreateTempSubdirectory("referralnet-attacks-").FullName;
    ServiceProcess _shelter = null!;
    ServiceProcess _vocational = null!;
    GrpcChannel _channel = null!;

    public ServiceProcess Shelter => _shelter;

    public ServiceProcess Vocational => _vocational;

    /// <summary>Shelter's gRPC bed lookups, over a real socket; sign calls in with <see cref="As"/>.</summary>
    public BedLookup.BedLookupClient Beds { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var checkout = Checkout.Find();
        var configuration = Checkout.ConfigurationOf(typeof(ShelterAndVocational).Assembly);
        var vhost = await broker.NewVirtualHostAsync();
        _shelter = ServiceProcess.Start("Shelter", checkout.ServiceDll("Shelter", configuration), vhost, checkout.SeedsFolder, _folder);
        _vocational = ServiceProcess.Start("Vocational", checkout.ServiceDll("Vocational", configuration), vhost, checkout.SeedsFolder, _folder);
        await Task.WhenAll(
            _shelter.WaitUntilHealthyAsync(TestContext.Current.CancellationToken),
            _vocational.WaitUntilHealthyAsync(TestContext.Current.CancellationToken));
        _channel = GrpcChannel.ForAddress(_shelter.GrpcUrl);
        Beds = new BedLookup.BedLookupClient(_channel);
    }

    /// <summary>Call options that sign a gRPC call in with an organisation's key.</summary>
    public static CallOptions As(string apiKey) =>
        new(new Metadata { { "x-api-key", apiKey } }, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>A REST client of <paramref name="service"/> signed in with <paramref name="apiKey"/>.</summary>
    public static HttpClient Rest(ServiceProcess service, string apiKey)
    {
        var client = new HttpClient { BaseAddress = service.RestUrl };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>Registers a survivor at new-paths with no personal data but these languages; returns the answer.</summary>
    public async Task<HttpResponseMessage> RegisterAsync(IReadOnlyList<string> languages)
    {
        using var client = Rest(_vocational, NewPaths);
        return await client.PostAsJsonAsync("/api/survivors", new { languages, dependants = 0 }, TestContext.Current.CancellationToken);
    }

    /// <summary>Registers a survivor at new-paths with no personal data; returns its id.</summary>
    public async Task<string> SurvivorAsync(IReadOnlyList<string>? languages = null)
    {
        using var response = await RegisterAsync(languages ?? []);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"registering a survivor gave {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>new-paths refers the survivor to a shelter organisation for a bed and waits until the shelter has it; returns its id.</summary>
    public async Task<string> ReferAndWaitAsync(string survivorId, string shelterOrganisationId, string bedType)
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = Rest(_vocational, NewPaths);
        using var sent = await client.PostAsJsonAsync("/api/referrals",
            new { survivorId, toOrgId = shelterOrganisationId, service = $"bed:{bedType}", priority = "urgent", share = Array.Empty<string>() }, ct);
        var body = await sent.Content.ReadAsStringAsync(ct);
        Assert.True(sent.StatusCode == HttpStatusCode.Created, $"sending a referral gave {(int)sent.StatusCode}: {body}");
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        await Eventually.HoldsAsync(async () =>
        {
            var seen = await client.GetFromJsonAsync<JsonElement>($"/api/referrals/{id}", ct);
            return seen.GetProperty("receivedAt").ValueKind != JsonValueKind.Null;
        }, $"shelter organisation {shelterOrganisationId} receives referral {id}");
        return id;
    }

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        await Task.WhenAll(_shelter.DisposeAsync().AsTask(), _vocational.DisposeAsync().AsTask());
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
