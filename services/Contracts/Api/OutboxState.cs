namespace ReferralNet.Contracts.Api;

/// <summary>Outbox rows not yet confirmed by the broker, and how long the oldest has waited.</summary>
public sealed record OutboxState(long Backlog, double OldestAgeSeconds);
