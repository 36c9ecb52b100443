namespace ReferralNet.Contracts.Api;

/// <summary>A shelter's street address: answered only to the organisation that runs it, on its explicit request.</summary>
public sealed record ShelterAddress(string ShelterId, string StreetAddress);
