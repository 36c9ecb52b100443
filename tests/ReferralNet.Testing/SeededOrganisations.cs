using System.Text.Json;
using ReferralNet.ServiceDefaults.Identity;

namespace ReferralNet.Testing;

/// <summary>Every organisation in <c>seeds/organisations.json</c>, read from the repository so that a new one is tested too.</summary>
public static class SeededOrganisations
{
    static readonly Lazy<IReadOnlyList<Organisation>> Seeds = new(Load);

    public static IReadOnlyList<Organisation> All => Seeds.Value;

    public static Organisation Find(string id) =>
        All.SingleOrDefault(o => o.Id == id) ?? throw new ArgumentException($"there is no seeded organisation '{id}'", nameof(id));

    static IReadOnlyList<Organisation> Load()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine(folder.FullName, "seeds", "organisations.json");
            if (File.Exists(path))
                return JsonSerializer.Deserialize<List<Organisation>>(File.ReadAllText(path), JsonSerializerOptions.Web)!;
        }
        throw new FileNotFoundException($"seeds/organisations.json not found above {AppContext.BaseDirectory}");
    }
}
