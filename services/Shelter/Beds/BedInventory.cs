namespace ReferralNet.Shelter.Beds;

/// <summary>
/// A shelter's beds of one type. <see cref="Version"/> grows with every change of the count or of
/// its holds; it is the concurrency token that keeps racing holds from overbooking.
/// </summary>
public sealed class BedInventory
{
    public string ShelterId { get; set; } = "";
    public string BedType { get; set; } = "";
    public int Total { get; set; }
    public int Occupied { get; set; }
    public long Version { get; set; }
}
