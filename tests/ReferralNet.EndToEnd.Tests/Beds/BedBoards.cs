using System.Net.Http.Json;
using ReferralNet.Testing;

namespace ReferralNet.EndToEnd.Tests.Beds;

/// <summary>The bed boards of the services that are not Shelter, each read as one of its organisations.</summary>
public static class BedBoards
{
    public static IReadOnlyList<(string Service, HttpClient Client)> Of(InProcessNetwork network) =>
    [
        ("legalaid", network.ClientFor(SeededOrganisations.Find("justice-bridge"))),
        ("medical", network.ClientFor(SeededOrganisations.Find("st-mary-clinic"))),
        ("vocational", network.ClientFor(SeededOrganisations.Find("new-paths"))),
    ];

    public static async Task<BoardEntry?> EntryAsync(HttpClient board, string shelterId, string bedType)
    {
        var entries = await board.GetFromJsonAsync<List<BoardEntry>>($"/api/beds?bedType={bedType}");
        return entries!.SingleOrDefault(e => e.ShelterId == shelterId);
    }

    public sealed record BoardEntry(string ShelterId, string ShelterName, string OrganisationId, string Area, string BedType, int Total, int Occupied, int Held, int Free, long Version);
}
