using System.Net;
using System.Net.Http.Json;
using System.Text;
using ReferralNet.Protos.Shelter.V1;
using Xunit;

namespace ReferralNet.Shelter.Tests.Beds;

public sealed class Setting_bed_counts(SharedShelter fixture) : IClassFixture<SharedShelter>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    RunningShelter Shelter => fixture.Shelter;

    [Fact]
    public async Task Changes_the_count_and_announces_it_with_a_bigger_version()
    {
        var versionBefore = await Shelter.VersionAsync("harbour-house-annex", "men");
        var client = Shelter.ClientFor(ApiKeys.HarbourHouse);

        var response = await client.PutAsJsonAsync("/api/shelters/harbour-house-annex/beds/men", new { total = 9, occupied = 7 }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Count("men", 9, 7, 0, 2), await response.Content.ReadFromJsonAsync<Count>(Ct));
        var counts = await client.GetFromJsonAsync<List<Count>>("/api/shelters/harbour-house-annex/beds", Ct);
        Assert.Equal([new Count("men", 9, 7, 0, 2)], counts);

        var versionAfter = await Shelter.VersionAsync("harbour-house-annex", "men");
        Assert.True(versionAfter > versionBefore, $"version {versionAfter} should have grown from {versionBefore}");
        var announced = (await Shelter.AnnouncementsAsync("harbour-house-annex", "men")).Last();
        Assert.Equal((9, 7, 0, 2, versionAfter), (announced.Total, announced.Occupied, announced.Held, announced.Free, announced.Version));
        Assert.Equal(("harbour-house", "north-city"), (announced.OrganisationId, announced.Area));
    }

    [Fact]
    public async Task Lets_staff_add_a_bed_type_from_several_desks_at_once()
    {
        // riverside-refuge has no accessible beds yet: every writer tries to create the row first.
        var client = Shelter.ClientFor(ApiKeys.RiversideRefuge);

        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(n =>
            client.PutAsJsonAsync("/api/shelters/riverside-refuge/beds/accessible", new { total = 10, occupied = n }, Ct)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var counts = await client.GetFromJsonAsync<List<Count>>("/api/shelters/riverside-refuge/beds", Ct);
        Assert.Single(counts!, c => c.BedType == "accessible");
    }

    [Fact]
    public async Task Refuses_another_organisations_shelter_with_403()
    {
        var versionBefore = await Shelter.VersionAsync("riverside-refuge", "women");

        var response = await Shelter.ClientFor(ApiKeys.HarbourHouse)
            .PutAsJsonAsync("/api/shelters/riverside-refuge/beds/women", new { total = 1, occupied = 1 }, Ct);

        var detail = await Problem.DetailAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("shelter 'riverside-refuge' is run by another organisation; only its own staff may change its beds", detail);
        Assert.Equal(versionBefore, await Shelter.VersionAsync("riverside-refuge", "women"));
    }

    [Fact]
    public async Task Refuses_an_organisation_that_runs_no_shelter_with_403()
    {
        var response = await Shelter.ClientFor(ApiKeys.JusticeBridge)
            .PutAsJsonAsync("/api/shelters/safe-haven-family/beds/family", new { total = 0, occupied = 0 }, Ct);

        var detail = await Problem.DetailAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("need the shelter-staff role", detail);
    }

    [Fact]
    public async Task Answers_404_for_an_unknown_shelter()
    {
        var response = await Shelter.ClientFor(ApiKeys.HarbourHouse)
            .PutAsJsonAsync("/api/shelters/nowhere/beds/women", new { total = 1, occupied = 0 }, Ct);

        var detail = await Problem.DetailAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("there is no shelter 'nowhere'", detail);
    }

    [Theory]
    [InlineData("negative total", "women", """{"total":-1,"occupied":0}""", "application/json", "total must not be negative (got -1)")]
    [InlineData("negative occupied", "women", """{"total":3,"occupied":-2}""", "application/json", "occupied must not be negative (got -2)")]
    [InlineData("occupied above total", "women", """{"total":3,"occupied":4}""", "application/json", "occupied (4) must not be more than total (3)")]
    [InlineData("unknown bed type", "dorm", """{"total":3,"occupied":1}""", "application/json", "'dorm' is not a bed type; use one of: women, men, family, youth, accessible")]
    [InlineData("malformed JSON", "women", """{"total":3 "occupied":1}""", "application/json", "the body is not valid JSON")]
    [InlineData("truncated JSON", "women", """{"total":3,""", "application/json", "the body is not valid JSON")]
    [InlineData("empty body", "women", "", "application/json", "the body is not valid JSON")]
    [InlineData("null total", "women", """{"total":null,"occupied":1}""", "application/json", "the field 'total' has the wrong type or an invalid value")]
    [InlineData("wrong type", "women", """{"total":"x","occupied":1}""", "application/json", "the field 'total' has the wrong type or an invalid value")]
    [InlineData("unknown field", "women", """{"total":3,"occupied":1,"reserved":2}""", "application/json", "the field 'reserved' is not part of this API")]
    [InlineData("missing field", "women", """{"total":3}""", "application/json", "the body is missing the required field 'occupied'")]
    [InlineData("not JSON", "women", """{"total":3,"occupied":1}""", "text/plain", "send the body as JSON with the header Content-Type: application/json")]
    public async Task Refuses_a_bad_request_with_400_naming_the_problem(string problem, string bedType, string body, string contentType, string expected)
    {
        var versionBefore = await Shelter.VersionAsync("harbour-house-main", "women");

        var response = await Shelter.ClientFor(ApiKeys.HarbourHouse)
            .PutAsync($"/api/shelters/harbour-house-main/beds/{bedType}", new StringContent(body, Encoding.UTF8, contentType), Ct);

        var detail = await Problem.DetailAsync(response, HttpStatusCode.BadRequest);
        Assert.True(detail.StartsWith(expected, StringComparison.Ordinal), $"{problem}: expected a detail starting \"{expected}\" but got \"{detail}\"");
        Assert.Equal(versionBefore, await Shelter.VersionAsync("harbour-house-main", "women"));
    }

    [Fact]
    public async Task Refuses_with_409_a_count_that_would_strand_a_held_bed()
    {
        // harbour-house-main has 2 accessible beds, 1 occupied: its staff hold the free one.
        await Shelter.Lookup.HoldBedAsync(
            new HoldBedRequest { ShelterId = "harbour-house-main", BedType = "accessible" },
            RunningShelter.As(ApiKeys.HarbourHouse));
        var client = Shelter.ClientFor(ApiKeys.HarbourHouse);

        var response = await client.PutAsJsonAsync("/api/shelters/harbour-house-main/beds/accessible", new { total = 2, occupied = 2 }, Ct);

        var detail = await Problem.DetailAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(
            "1 bed(s) are held for referrals, so occupied (2) plus held may not exceed total (2); release holds first or raise total",
            detail);
        var counts = await client.GetFromJsonAsync<List<Count>>("/api/shelters/harbour-house-main/beds", Ct);
        Assert.Contains(new Count("accessible", 2, 1, 1, 0), counts!);
    }

    sealed record Count(string BedType, int Total, int Occupied, int Held, int Free);
}
