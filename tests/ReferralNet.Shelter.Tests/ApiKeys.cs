namespace ReferralNet.Shelter.Tests;

/// <summary>Development keys from seeds/organisations.json.</summary>
public static class ApiKeys
{
    /// <summary>Runs the shelters harbour-house-main and harbour-house-annex.</summary>
    public const string HarbourHouse = "dev-harbour-house-7f3a9c";

    /// <summary>Runs safe-haven-family.</summary>
    public const string SafeHaven = "dev-safe-haven-2b8e41";

    /// <summary>Runs riverside-refuge.</summary>
    public const string RiversideRefuge = "dev-riverside-refuge-c94d07";

    /// <summary>A legal-aid provider: runs no shelter, refers survivors to them.</summary>
    public const string JusticeBridge = "dev-justice-bridge-51f0a2";

    /// <summary>The network operator: sees the network's health, never survivors.</summary>
    public const string NetworkOps = "dev-network-ops-1a5f93";

    /// <summary>The organisation a key signs in.</summary>
    public static string OrganisationOf(string apiKey) => apiKey switch
    {
        HarbourHouse => "harbour-house",
        SafeHaven => "safe-haven",
        RiversideRefuge => "riverside-refuge",
        JusticeBridge => "justice-bridge",
        NetworkOps => "network-ops",
        _ => throw new ArgumentException($"no organisation is known for key '{apiKey}'", nameof(apiKey)),
    };

    /// <summary>The organisation that runs a seeded shelter.</summary>
    public static string RunnerOf(string shelterId) => shelterId switch
    {
        "harbour-house-main" or "harbour-house-annex" => "harbour-house",
        "safe-haven-family" => "safe-haven",
        "riverside-refuge" => "riverside-refuge",
        _ => throw new ArgumentException($"no organisation is known to run shelter '{shelterId}'", nameof(shelterId)),
    };
}
