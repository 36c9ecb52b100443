namespace ReferralNet.Contracts.Api;

/// <summary>One of the organisation's survivors in <c>GET /api/survivors</c>, newest first.</summary>
public sealed record SurvivorSummary(string Id, string? GivenName, string? FamilyName, DateTimeOffset CreatedAt);
