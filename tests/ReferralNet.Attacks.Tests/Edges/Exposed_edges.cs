using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Net.Client;
using ReferralNet.Protos.Shelter.V1;
using ReferralNet.Testing;

namespace ReferralNet.Attacks.Tests.Edges;

/// <summary>
/// The Shelter service as it runs, attacked at its edges with its default limits: a foreign Host
/// header (DNS rebinding, a proxy that forwards anything), a list asked for all at once, and a
/// shelter's street address sought from every answer that could carry it.
/// </summary>
public sealed class Exposed_edges(BrokerFixture broker) : IAsyncLifetime
{
    const string Confidential = "CONFIDENTIAL";
    readonly string _folder = Directory.CreateTempSubdirectory("referralnet-attacks-").FullName;
    ServiceProcess _shelter = null!;

    public async ValueTask InitializeAsync() => _shelter = await AttackedProcess.StartAsync("Shelter", await broker.NewVirtualHostAsync(), _folder);

    [Fact]
    public async Task A_request_naming_a_foreign_host_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = AttackedProcess.Rest(_shelter, "harbour-house");

        using var foreign = new HttpRequestMessage(HttpMethod.Get, "/api/shelters");
        foreign.Headers.Host = "attacker.example";
        using var refused = await client.SendAsync(foreign, ct);
        using var local = await client.GetAsync("/api/shelters", ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
    }

    [Fact]
    public async Task A_list_never_answers_more_than_100_items_however_many_there_are_and_pages_through_all_of_them()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = AttackedProcess.Rest(_shelter, "harbour-house");
        const int Registered = 230;
        var ids = new HashSet<string>();
        foreach (var batch in Enumerable.Range(0, Registered).Chunk(23))
            foreach (var created in await Task.WhenAll(batch.Select(i => client.PostAsJsonAsync("/api/survivors", new { givenName = $"Synthetic {i}", dependants = 0 }, ct))))
                ids.Add((await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!);

        using var greedy = await client.GetAsync("/api/survivors?limit=100000", ct);
        var all = await client.GetFromJsonAsync<JsonElement>("/api/survivors", ct);
        Assert.True(all.GetArrayLength() <= 100, $"GET /api/survivors answered {all.GetArrayLength()} survivors at once");
        Assert.Equal(HttpStatusCode.BadRequest, greedy.StatusCode);

        var seen = new List<string>();
        string? next = "/api/survivors?limit=100";
        while (next is not null)
        {
            using var page = await client.GetAsync(next, ct);
            var items = await page.Content.ReadFromJsonAsync<JsonElement>(ct);
            Assert.True(items.GetArrayLength() <= 100, $"a page held {items.GetArrayLength()} items");
            seen.AddRange(items.EnumerateArray().Select(s => s.GetProperty("id").GetString()!));
            next = page.Headers.TryGetValues("Link", out var links) ? links.Single().Split('>')[0].TrimStart('<') : null;
        }
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Superset(ids, seen.ToHashSet());
    }

    [Fact]
    public async Task A_shelters_street_address_is_in_no_answer_but_its_own_organisations_explicit_request()
    {
        var ct = TestContext.Current.CancellationToken;
        using var owner = AttackedProcess.Rest(_shelter, "harbour-house");
        using var other = AttackedProcess.Rest(_shelter, "safe-haven");
        using var channel = GrpcChannel.ForAddress(_shelter.GrpcUrl);
        var beds = new BedLookup.BedLookupClient(channel);
        var asOther = AttackedProcess.SignedIn("safe-haven");

        var answers = new Dictionary<string, string>
        {
            ["own list"] = await owner.GetStringAsync("/api/shelters", ct),
            ["own list ?include=address"] = await owner.GetStringAsync("/api/shelters?include=address", ct),
            ["own beds"] = await owner.GetStringAsync("/api/shelters/harbour-house-main/beds", ct),
            ["another organisation's list"] = await other.GetStringAsync("/api/shelters", ct),
            ["another organisation asking for the address"] = await (await other.GetAsync("/api/shelters/harbour-house-main/address", ct)).Content.ReadAsStringAsync(ct),
            ["FindBeds"] = (await beds.FindBedsAsync(new FindBedsRequest(), asOther, cancellationToken: ct)).ToString(),
            ["GetShelter"] = (await beds.GetShelterAsync(new GetShelterRequest { ShelterId = "harbour-house-main" }, asOther, cancellationToken: ct)).ToString(),
        };
        var leaking = answers.Where(a => a.Value.Contains(Confidential, StringComparison.Ordinal)).Select(a => a.Key).ToList();
        Assert.True(leaking.Count == 0, $"a street address is in: {string.Join(", ", leaking)}");

        using var forbidden = await other.GetAsync("/api/shelters/harbour-house-main/address", ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var own = await owner.GetFromJsonAsync<JsonElement>("/api/shelters/harbour-house-main/address", ct);
        Assert.StartsWith(Confidential, own.GetProperty("streetAddress").GetString(), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _shelter.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
