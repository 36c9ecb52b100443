using ReferralNet.BuildingBlocks.Identity;

namespace ReferralNet.BuildingBlocks.Capacity;

/// <summary>An offering with open capacity, with the organisation that offers it.</summary>
public sealed record OpenOffering(Offering Offering, Organisation Organisation);
