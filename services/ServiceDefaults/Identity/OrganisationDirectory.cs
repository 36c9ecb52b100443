using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ReferralNet.ServiceDefaults.Identity;

/// <summary>The partner organisations and, in development, their API keys (from <c>seeds/organisations.json</c>).</summary>
public sealed class OrganisationDirectory
{
    readonly Dictionary<string, Organisation> _byId;

    /// <summary>Builds a directory of these organisations.</summary>
    public OrganisationDirectory(IEnumerable<Organisation> organisations)
    {
        All = organisations.ToList();
        _byId = All.ToDictionary(o => o.Id, StringComparer.Ordinal);
    }

    /// <summary>Every organisation.</summary>
    public IReadOnlyList<Organisation> All { get; }

    /// <summary>Reads <c>organisations.json</c> from the seeds folder.</summary>
    public static OrganisationDirectory Load(string seedsPath)
    {
        var file = Path.Combine(seedsPath, "organisations.json");
        using var stream = File.OpenRead(file);
        var organisations = JsonSerializer.Deserialize<List<Organisation>>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException($"{file} holds no organisations");
        return new OrganisationDirectory(organisations);
    }

    /// <summary>The organisation of that id, or null.</summary>
    public Organisation? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The organisation whose key this is, or null. Compares in constant time.</summary>
    public Organisation? FindByApiKey(string apiKey)
    {
        var presented = Encoding.UTF8.GetBytes(apiKey);
        Organisation? match = null;
        foreach (var organisation in All)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(organisation.ApiKey)))
                match = organisation;
        }
        return match;
    }
}
