using ReferralNet.ServiceDefaults.Identity;

namespace ReferralNet.Capacity;

/// <summary>An offering with open capacity, with the organisation that offers it.</summary>
public sealed record OpenOffering(Offering Offering, Organisation Organisation);
