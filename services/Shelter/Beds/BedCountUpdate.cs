namespace ReferralNet.Shelter.Beds;

/// <summary>Body of <c>PUT /api/shelters/{shelterId}/beds/{bedType}</c>.</summary>
public sealed record BedCountUpdate(int Total, int Occupied);
