namespace ReferralNet.Portal.Capacity;

/// <summary>What a caseworker can look for, and the service whose gRPC lookup answers it.</summary>
public static class CapacityKinds
{
    public const string Beds = "bed";
    public const string Legal = "legal";
    public const string Medical = "medical";
    public const string Vocational = "vocational";

    public static readonly IReadOnlyList<(string Kind, string Label)> All =
    [
        (Beds, "Shelter beds"),
        (Legal, "Legal aid"),
        (Medical, "Medical care"),
        (Vocational, "Training, education and jobs"),
    ];
}
