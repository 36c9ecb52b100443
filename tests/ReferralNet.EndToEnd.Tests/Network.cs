using System.Net.Http.Json;
using ReferralNet.LegalAid.Data;
using ReferralNet.Medical.Data;
using ReferralNet.Shelter.Data;
using ReferralNet.Testing;
using ReferralNet.Vocational.Data;

namespace ReferralNet.EndToEnd.Tests;

/// <summary>The four services in this process, on one virtual host of the test broker.</summary>
public sealed class Network : IAsyncDisposable
{
    public const string HarbourHouseKey = "dev-harbour-house-7f3a9c";
    public const string JusticeBridgeKey = "dev-justice-bridge-51f0a2";
    public const string StMaryKey = "dev-st-mary-clinic-0d62b8";
    public const string NewPathsKey = "dev-new-paths-4c1b6d";

    public required ServiceHost<ShelterDbContext> Shelter { get; init; }
    public required ServiceHost<LegalAidDbContext> LegalAid { get; init; }
    public required ServiceHost<MedicalDbContext> Medical { get; init; }
    public required ServiceHost<VocationalDbContext> Vocational { get; init; }

    public static async Task<Network> StartAsync(BrokerFixture broker)
    {
        var connectionString = await broker.NewVirtualHostAsync();
        var network = new Network
        {
            Shelter = new(connectionString),
            LegalAid = new(connectionString),
            Medical = new(connectionString),
            Vocational = new(connectionString),
        };
        // Creating the server starts the host: database, seeds, bus.
        _ = network.Shelter.Server;
        _ = network.LegalAid.Server;
        _ = network.Medical.Server;
        _ = network.Vocational.Server;
        return network;
    }

    /// <summary>Each non-shelter service's bed board client, signed in as one of its organisations.</summary>
    public IEnumerable<(string Service, HttpClient Client)> Boards() =>
    [
        ("legalaid", LegalAid.ClientFor(JusticeBridgeKey)),
        ("medical", Medical.ClientFor(StMaryKey)),
        ("vocational", Vocational.ClientFor(NewPathsKey)),
    ];

    public static async Task<BoardEntry?> BoardEntryAsync(HttpClient board, string shelterId, string bedType)
    {
        var entries = await board.GetFromJsonAsync<List<BoardEntry>>($"/api/beds?bedType={bedType}");
        return entries!.SingleOrDefault(e => e.ShelterId == shelterId);
    }

    public async ValueTask DisposeAsync()
    {
        await Shelter.DisposeAsync();
        await LegalAid.DisposeAsync();
        await Medical.DisposeAsync();
        await Vocational.DisposeAsync();
    }

    public sealed record BoardEntry(string ShelterId, string ShelterName, string OrganisationId, string Area, string BedType, int Total, int Occupied, int Held, int Free, long Version);
}
