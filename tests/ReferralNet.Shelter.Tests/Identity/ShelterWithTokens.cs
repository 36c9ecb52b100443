using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Grpc.Core;
using ReferralNet.Contracts.Api;
using ReferralNet.Shelter.Tests.Referrals;
using ReferralNet.Testing;
using Xunit;

namespace ReferralNet.Shelter.Tests.Identity;

/// <summary>
/// One Shelter service that trusts a <see cref="TestAuthority"/> (and, being Development, still
/// takes the development keys, which the tests use to set the scene as the organisation as a whole).
/// </summary>
public sealed class ShelterWithTokens(BrokerFixture broker) : IAsyncLifetime
{
    public const string Audience = "shelter";

    RunningShelter? _shelter;

    public TestAuthority Authority { get; } = new();

    public RunningShelter Shelter => _shelter ?? throw new InvalidOperationException("xunit has not initialised the fixture yet");

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _shelter = await RunningShelter.StartAsync(broker, settings: Authority.Settings);
        // Room for every hold the tests take at riverside-refuge (a partner may hold a quarter of the free beds).
        await new BedReferrals(Shelter).SetCountAsync(ApiKeys.RiversideRefuge, "riverside-refuge", "women", 400, 0);
    }

    /// <summary>A client that sends <paramref name="token"/> as a bearer token.</summary>
    public HttpClient ClientWith(string token)
    {
        var client = Shelter.ClientFor(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>gRPC call options that send <paramref name="token"/> as a bearer token.</summary>
    public static CallOptions GrpcWith(string token) => new CallOptions(new Metadata { { "authorization", $"Bearer {token}" } }).WithCancellationToken(Ct);

    /// <summary>A token of a staff member of <paramref name="organisationId"/> holding only <paramref name="role"/>.</summary>
    public string StaffToken(string organisationId, string role, string audience = Audience) =>
        Authority.StaffToken(audience, organisationId, organisationId == "network-ops" ? "operator" : "shelter", StaffIdOf(organisationId, role), role);

    /// <summary>A stable synthetic staff id per organisation and role.</summary>
    public static string StaffIdOf(string organisationId, string role) =>
        "sf-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{organisationId}/{role}")))[..16];

    // The scene, set as harbour-house as a whole (its development key).
    HttpClient Harbour => Shelter.ClientFor(ApiKeys.HarbourHouse);

    public async Task<string> NewSurvivorAsync()
    {
        var response = await Harbour.PostAsJsonAsync("/api/survivors", new { dependants = 0, languages = new[] { "en" } }, Ct);
        return (await Ok<CreatedId>(response)).Id;
    }

    public async Task<string> NewConsentAsync(string survivorId)
    {
        var response = await Harbour.PostAsJsonAsync($"/api/survivors/{survivorId}/consents", new ConsentRequest("justice-bridge", ["identity"], "written"), Ct);
        return (await Ok<ConsentCreated>(response)).Id;
    }

    /// <summary>A referral harbour-house sent to justice-bridge (its requester side lives here).</summary>
    public async Task<string> NewSentReferralAsync()
    {
        var survivor = await NewSurvivorAsync();
        var response = await Harbour.PostAsJsonAsync("/api/referrals", new ReferralRequest(survivor, "justice-bridge", "legal:t-visa"), Ct);
        return (await Ok<ReferralCreated>(response)).Id;
    }

    /// <summary>A referral justice-bridge sent to harbour-house, received here.</summary>
    public Task<string> NewReceivedReferralAsync() => new BedReferrals(Shelter).ArriveAsync("harbour-house", "women");

    /// <summary>A bed harbour-house holds at riverside-refuge for a referral of its own.</summary>
    public async Task<string> NewHoldAsync()
    {
        var referrals = new BedReferrals(Shelter);
        var referral = await referrals.ArriveAsync("riverside-refuge", "women", fromOrgId: "harbour-house");
        return (await referrals.HoldBedAsync(ApiKeys.HarbourHouse, "riverside-refuge", "women", referral)).HoldId;
    }

    static async Task<T> Ok<T>(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"setting the scene: {(int)response.StatusCode} {body}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(body, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_shelter is not null)
            await _shelter.DisposeAsync();
        await Authority.DisposeAsync();
    }


}
