namespace ReferralNet.Shelter.Beds;

/// <summary>A shelter's beds of one type at one moment.</summary>
public sealed record BedCounts(string BedType, int Total, int Occupied, int Held)
{
    /// <summary>Beds neither occupied nor held. Never negative, even if holds outlived a cut in total.</summary>
    public int Free => Math.Max(0, Total - Occupied - Held);
}
