namespace ReferralNet.Contracts.Api;

/// <summary>What <c>POST /api/consents/{id}/revoke</c> answers.</summary>
public sealed record ConsentRevoked(string Id, string Status, DateTimeOffset? RevokedAt);
