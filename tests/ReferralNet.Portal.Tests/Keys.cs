namespace ReferralNet.Portal.Tests;

/// <summary>Development keys from seeds/organisations.json, for setting the scene through the services' APIs.</summary>
public static class Keys
{
    public const string JusticeBridge = "dev-justice-bridge-51f0a2";
    public const string HarbourHouse = "dev-harbour-house-7f3a9c";
    public const string StMaryClinic = "dev-st-mary-clinic-0d62b8";
    public const string NetworkOps = "dev-network-ops-1a5f93";
}
