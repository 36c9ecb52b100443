namespace ReferralNet.Contracts.Beds;

/// <summary>
/// Published by a service whose bed board may have missed events (first start, restored
/// database); the Shelter service answers by publishing every current count again.
/// </summary>
public sealed record BedBoardRefreshRequested(string RequestedBy, DateTimeOffset RequestedAt);
