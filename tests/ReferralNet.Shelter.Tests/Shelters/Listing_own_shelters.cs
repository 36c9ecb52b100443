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
    public async Task Returns_only_the_callers_own_shelters_by_id_and_never_their_street_addresses()
    {
        var body = await fixture.Shelter.ClientFor(ApiKeys.HarbourHouse).GetStringAsync("/api/shelters", Ct);
        var shelters = JsonSerializer.Deserialize<JsonElement>(body);

        Assert.Equal(
            ["harbour-house-annex", "harbour-house-main"],
            shelters.EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.DoesNotContain("CONFIDENTIAL", body, StringComparison.Ordinal);
        var main = shelters.EnumerateArray().Single(s => s.GetProperty("id").GetString() == "harbour-house-main");
        Assert.Equal("north-city", main.GetProperty("area").GetString());
        Assert.Equal("intake@harbour-house.example", main.GetProperty("intake").GetProperty("email").GetString());
    }

    [Fact]
    public async Task Gives_a_shelters_street_address_to_the_organisation_that_runs_it_when_asked_for_it()
    {
        var address = await fixture.Shelter.ClientFor(ApiKeys.HarbourHouse).GetFromJsonAsync<JsonElement>("/api/shelters/harbour-house-main/address", Ct);

        Assert.Equal("CONFIDENTIAL-SYNTHETIC 12 Quay Lane", address.GetProperty("streetAddress").GetString());
    }

    [Fact]
    public async Task Refuses_a_shelters_street_address_to_every_other_organisation()
    {
        // Another shelter's staff are told whose address it is; an organisation running no shelter holds no shelter-staff role at all.
        foreach (var (key, expected) in new[] { (ApiKeys.SafeHaven, "only the organisation that runs shelter 'harbour-house-main' sees its address"), (ApiKeys.JusticeBridge, "need the shelter-staff role") })
        {
            var response = await fixture.Shelter.ClientFor(key).GetAsync("/api/shelters/harbour-house-main/address", Ct);

            var detail = await Problem.DetailAsync(response, HttpStatusCode.Forbidden);
            Assert.Contains(expected, detail);
        }
    }

    [Fact]
    public async Task Pages_the_shelters_and_refuses_a_page_of_more_than_100()
    {
        using var client = fixture.Shelter.ClientFor(ApiKeys.HarbourHouse);
        var first = await client.GetAsync("/api/shelters?limit=1", Ct);
        var next = Assert.Single(first.Headers.GetValues("Link"));
        Assert.Matches("^</api/shelters\\?limit=1&after=[A-Za-z0-9_-]+>; rel=\"next\"$", next);
        var second = await client.GetFromJsonAsync<JsonElement>(next[1..next.IndexOf('>')], Ct);

        Assert.Equal("harbour-house-annex", (await first.Content.ReadFromJsonAsync<JsonElement>(Ct))[0].GetProperty("id").GetString());
        Assert.Equal("harbour-house-main", Assert.Single(second.EnumerateArray()).GetProperty("id").GetString());
        var tooMany = await client.GetAsync("/api/shelters?limit=101", Ct);
        Assert.Contains("limit must be a whole number from 1 to 100", await Problem.DetailAsync(tooMany, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Refuses_the_list_to_an_organisation_that_runs_no_shelter_naming_the_role_it_needs()
    {
        var response = await fixture.Shelter.ClientFor(ApiKeys.JusticeBridge).GetAsync("/api/shelters", Ct);

        var detail = await Problem.DetailAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("need the shelter-staff role", detail);
    }
}
