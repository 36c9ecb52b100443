using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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
        var vhost = await broker.NewVirtualHostAsync();
        var started = await Task.WhenAll(
            AttackedProcess.StartAsync("Shelter", vhost, _folder),
            AttackedProcess.StartAsync("Vocational", vhost, _folder));
        (_shelter, _vocational) = (started[0], started[1]);
        _channel = GrpcChannel.ForAddress(_shelter.GrpcUrl);
        Beds = new BedLookup.BedLookupClient(_channel);
    }

    /// <summary>Registers a survivor at new-paths with no personal data but these languages; returns the answer.</summary>
    public async Task<HttpResponseMessage> RegisterAsync(IReadOnlyList<string> languages)
    {
        using var client = AttackedProcess.Rest(_vocational, "new-paths");
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
        using var client = AttackedProcess.Rest(_vocational, "new-paths");
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
