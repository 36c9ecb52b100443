using System.Net;
using System.Net.Http.Json;
using Xunit;

namespace ReferralNet.Shelter.Tests.Beds;

public sealed class Reading_bed_counts(SharedShelter fixture) : IClassFixture<SharedShelter>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Gives_total_occupied_held_and_free_per_bed_type()
    {
        var counts = await fixture.Shelter.ClientFor(ApiKeys.RiversideRefuge)
            .GetFromJsonAsync<List<Count>>("/api/shelters/riverside-refuge/beds", Ct);

        Assert.Equal(
            [
                new Count("family", 3, 1, 0, 2),
                new Count("men", 4, 4, 0, 0),
                new Count("women", 10, 7, 0, 3),
                new Count("youth", 5, 2, 0, 3),
            ],
            counts);
    }

    [Fact]
    public async Task Shows_any_partner_the_counts_but_never_the_address()
    {
        var response = await fixture.Shelter.ClientFor(ApiKeys.JusticeBridge).GetAsync("/api/shelters/harbour-house-main/beds", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("\"bedType\":\"women\"", body);
        Assert.DoesNotContain("CONFIDENTIAL", body);
    }

    [Fact]
    public async Task Answers_404_for_an_unknown_shelter_and_says_where_to_look()
    {
        var response = await fixture.Shelter.ClientFor(ApiKeys.HarbourHouse).GetAsync("/api/shelters/nowhere/beds", Ct);

        var detail = await Problem.DetailAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("there is no shelter 'nowhere'; GET /api/shelters lists yours", detail);
    }

    [Fact]
    public async Task Refuses_a_caller_without_a_key()
    {
        var response = await fixture.Shelter.ClientFor(null).GetAsync("/api/shelters/riverside-refuge/beds", Ct);

        var detail = await Problem.DetailAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", detail);
    }

    sealed record Count(string BedType, int Total, int Occupied, int Held, int Free);
}
