using ReferralNet.Shelter.Shelters;

namespace ReferralNet.Shelter.Beds;

/// <summary>One bed type of one shelter, its row tracked for a change, with the beds held on it.</summary>
public sealed record BedStock(ShelterSite Shelter, BedInventory Beds, int Held)
{
    /// <summary>Beds neither occupied nor held.</summary>
    public int Free => new BedCounts(Beds.BedType, Beds.Total, Beds.Occupied, Held).Free;
}
