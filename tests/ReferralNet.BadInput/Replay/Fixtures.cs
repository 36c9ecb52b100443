using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf;
using ReferralNet.BadInput.Corpus;
using ReferralNet.Protos.Shelter.V1;

namespace ReferralNet.BadInput.Replay;

/// <summary>
/// The ids the corpus's placeholders stand for, created before the replay: in each service a
/// survivor, a consent and a referral of the calling organisation ("own") and of another
/// organisation of the same service ("foreign"), and a bed hold of another organisation.
/// </summary>
public sealed class Fixtures
{
    readonly Dictionary<string, Dictionary<string, string>> _byService = [];

    /// <summary>Problems met while creating them (the placeholders then fall back to ids that do not exist).</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>The text with every placeholder of that service filled in.</summary>
    public string Fill(string service, string text)
    {
        if (!text.Contains('{') || !_byService.TryGetValue(service, out var ids))
            return text;
        foreach (var (placeholder, id) in ids)
            text = text.Replace(placeholder, id, StringComparison.Ordinal);
        return text;
    }

    public static async Task<Fixtures> CreateAsync(ReplayNetwork network, CancellationToken ct)
    {
        var fixtures = new Fixtures();
        foreach (var catalog in ServiceCatalog.All)
        {
            var target = network.Services.Single(s => s.Name == catalog.Name);
            using var http = new HttpClient(target.RestHandler, disposeHandler: false) { BaseAddress = target.Rest, Timeout = TimeSpan.FromSeconds(60) };
            var ids = new Dictionary<string, string>();
            foreach (var (side, key) in new[] { ("own", catalog.OwnKey), ("foreign", catalog.ForeignKey) })
            {
                var survivor = await fixtures.CreateAsync(http, key, "/api/survivors", new { givenName = "Badinput", dependants = 0 }, ct);
                var consent = await fixtures.CreateAsync(http, key, $"/api/survivors/{survivor}/consents",
                    new { recipientOrgId = catalog.RecipientOrgId, categories = new[] { "identity" }, method = "written" }, ct);
                var referral = await fixtures.CreateAsync(http, key, "/api/referrals",
                    new { survivorId = survivor, toOrgId = catalog.RecipientOrgId, service = catalog.RecipientService }, ct);
                ids[$"{{{side}:survivor}}"] = survivor ?? "sv-badinput-missing";
                ids[$"{{{side}:consent}}"] = consent ?? "c-badinput-missing";
                ids[$"{{{side}:referral}}"] = referral ?? "rf-badinput-missing";
            }
            if (catalog.Name == "shelter")
                ids[Placeholders.ForeignHold] = await fixtures.HoldAsync(target, catalog.ForeignKey, ct) ?? Guid.NewGuid().ToString();
            fixtures._byService[catalog.Name] = ids;
        }
        return fixtures;
    }

    async Task<string?> CreateAsync(HttpClient http, string key, string path, object body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", key);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            Warnings.Add($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            return null;
        }
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return json.RootElement.GetProperty("id").GetString();
    }

    async Task<string?> HoldAsync(ServiceTarget shelter, string key, CancellationToken ct)
    {
        foreach (var bedType in new[] { "women", "family", "accessible", "men", "youth" })
        {
            // The other organisation is safe-haven, which runs this shelter: its staff hold without a referral.
            var request = new HoldBedRequest { ShelterId = "safe-haven-family", BedType = bedType, HoldMinutes = 120 };
            var answer = await GrpcCall.SendAsync(shelter, "/referralnet.shelter.v1.BedLookup/HoldBed",
                new Dictionary<string, string> { ["x-api-key"] = key, ["Content-Type"] = "application/grpc" },
                GrpcCorpus.Frame(request.ToByteArray()), ct);
            if (answer.GrpcStatus == 0 && answer.Body.Length > 5)
                return BedHold.Parser.ParseFrom(answer.Body.AsSpan(5).ToArray()).HoldId;
        }
        Warnings.Add("no bed at safe-haven-family could be held: releasing another organisation's hold is tried with an id that does not exist");
        return null;
    }
}
