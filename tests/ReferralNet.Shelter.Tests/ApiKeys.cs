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
}
