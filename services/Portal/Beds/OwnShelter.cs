namespace ReferralNet.Portal.Beds;

/// <summary>A shelter the signed-in organisation runs, as <c>GET /api/shelters</c> gives it (the address is not shown).</summary>
public sealed record OwnShelter(string Id, string Name, string Area);
