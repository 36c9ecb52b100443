namespace ReferralNet.Contracts;

/// <summary>
/// Bed types, after the HUD HMIS housing inventory's household types and the accessible units
/// it counts separately.
/// </summary>
public static class BedTypes
{
    public const string Women = "women";
    public const string Men = "men";
    public const string Family = "family";
    public const string Youth = "youth";
    public const string Accessible = "accessible";

    public static readonly IReadOnlyList<string> All = [Women, Men, Family, Youth, Accessible];

    public static bool IsKnown(string bedType) => All.Contains(bedType);
}
