namespace ReferralNet.LegalAid.Tests;

/// <summary>Development keys from seeds/organisations.json.</summary>
public static class ApiKeys
{
    /// <summary>Legal aid in north-city: t-visa, u-visa, victim-witness, labour-civil.</summary>
    public const string JusticeBridge = "dev-justice-bridge-51f0a2";

    /// <summary>Legal aid in south-valley: t-visa, asylum, u-visa.</summary>
    public const string OpenDoorLaw = "dev-open-door-law-9a7c3e";
}
