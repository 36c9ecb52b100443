using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using ReferralNet.LegalAid.Data;
using ReferralNet.Testing;

namespace ReferralNet.EndToEnd.Tests.Beds;

public sealed class Bed_availability_across_the_network(BrokerFixture broker)
{
    [Fact]
    public async Task A_change_at_a_shelter_appears_on_the_board_of_every_other_service()
    {
        await using var network = await InProcessNetwork.StartAsync(broker);
        var shelterStaff = network.ClientFor(SeededOrganisations.Find("harbour-house"));

        var response = await shelterStaff.PutAsJsonAsync("/api/shelters/harbour-house-main/beds/women", new { total = 15, occupied = 11 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        foreach (var (service, board) in BedBoards.Of(network))
        {
            var entry = await Eventually.ReturnsAsync(() => BedBoards.EntryAsync(board, "harbour-house-main", "women"), e => e is { Total: 15, Occupied: 11 }, service);
            Assert.Equal(4, entry!.Free);
            Assert.Equal("north-city", entry.Area);
            Assert.Equal("harbour-house", entry.OrganisationId);
        }
    }

    [Fact]
    public async Task The_consumer_in_another_service_continues_the_trace_of_the_request_that_changed_the_beds()
    {
        await using var network = await InProcessNetwork.StartAsync(broker);
        var shelterStaff = network.ClientFor(SeededOrganisations.Find("harbour-house"));
        var traceId = ActivityTraceId.CreateRandom();
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/shelters/harbour-house-annex/beds/men")
        {
            Content = JsonContent.Create(new { total = 9, occupied = 2 }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        var response = await shelterStaff.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The LegalAid host's exporter: its consumer span, on its own queue, in the request's trace.
        var consumed = await Eventually.ReturnsAsync(
            () => Task.FromResult(network.LegalAid.Spans.Snapshot().FirstOrDefault(s =>
                s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer && s.TraceId == traceId
                && s.Tags.Any(t => t.Value?.Contains("legalaid-bed-availability-changed") == true))),
            span => span is not null, "legalaid consumer span");
        Assert.Equal(traceId, consumed!.TraceId);
        Assert.Contains(network.Shelter.Spans.Snapshot(), s => s.Kind == ActivityKind.Server && s.TraceId == traceId);
    }

    [Fact]
    public async Task A_board_that_starts_after_the_change_catches_up()
    {
        var connectionString = await broker.NewVirtualHostAsync();
        await using var shelter = new ServiceHost<ReferralNet.Shelter.Data.ShelterDbContext>(connectionString);
        var staff = shelter.ClientFor(SeededOrganisations.Find("harbour-house").ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync("/api/shelters/harbour-house-main/beds/youth", new { total = 6, occupied = 1 })).StatusCode);

        // LegalAid's queues did not exist when that change was published.
        await using var legalAid = new ServiceHost<LegalAidDbContext>(connectionString);
        var board = legalAid.ClientFor(SeededOrganisations.Find("justice-bridge").ApiKey);

        var entry = await Eventually.ReturnsAsync(() => BedBoards.EntryAsync(board, "harbour-house-main", "youth"), e => e is { Total: 6, Occupied: 1 }, "late board");
        Assert.Equal(5, entry!.Free);
    }

    [Fact]
    public async Task No_board_ever_shows_a_shelter_street_address()
    {
        await using var network = await InProcessNetwork.StartAsync(broker);
        foreach (var (service, board) in BedBoards.Of(network))
        {
            await Eventually.ReturnsAsync(() => board.GetStringAsync("/api/beds"), json => json.Contains("riverside-refuge"), service);
            Assert.DoesNotContain("CONFIDENTIAL", await board.GetStringAsync("/api/beds"));
        }
    }

    [Fact]
    public async Task A_board_refuses_a_caller_without_a_key()
    {
        await using var legalAid = new ServiceHost<LegalAidDbContext>(await broker.NewVirtualHostAsync());
        var anonymous = legalAid.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/beds")).StatusCode);
    }
}
