using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace ReferralNet.Shelter.Tests.Shelters;

public sealed class Listing_own_shelters(SharedShelter fixture) : IClassFixture<SharedShelter>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refuses_a_caller_without_a_key_and_says_what_to_send()
    {
        var response = await fixture.Shelter.ClientFor(null).GetAsync("/api/shelters", Ct);

        var detail = await Problem.DetailAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("send the header X-Api-Key", detail);
        Assert.Equal("ApiKey", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Refuses_a_caller_with_a_wrong_key_and_says_what_to_send()
    {
        var response = await fixture.Shelter.ClientFor("dev-harbour-house-000000").GetAsync("/api/shelters", Ct);

        var detail = await Problem.DetailAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("send the header X-Api-Key", detail);
    }

    [Fact]
    public async Task Returns_only_the_callers_own_shelters_with_their_street_addresses()
    {
        var shelters = await fixture.Shelter.ClientFor(ApiKeys.HarbourHouse).GetFromJsonAsync<JsonElement>("/api/shelters", Ct);

        Assert.Equal(
            ["harbour-house-annex", "harbour-house-main"],
            shelters.EnumerateArray().Select(s => s.GetProperty("id").GetString()).Order());
        // The one place a street address is shown: to the organisation that runs the shelter.
        Assert.All(shelters.EnumerateArray(), s => Assert.StartsWith("CONFIDENTIAL-SYNTHETIC", s.GetProperty("streetAddress").GetString()));
        var main = shelters.EnumerateArray().Single(s => s.GetProperty("id").GetString() == "harbour-house-main");
        Assert.Equal("CONFIDENTIAL-SYNTHETIC 12 Quay Lane", main.GetProperty("streetAddress").GetString());
        Assert.Equal("north-city", main.GetProperty("area").GetString());
        Assert.Equal("intake@harbour-house.example", main.GetProperty("intake").GetProperty("email").GetString());
    }

    [Fact]
    public async Task Returns_nothing_to_an_organisation_that_runs_no_shelter()
    {
        var body = await fixture.Shelter.ClientFor(ApiKeys.JusticeBridge).GetStringAsync("/api/shelters", Ct);

        Assert.Equal("[]", body);
    }
}
