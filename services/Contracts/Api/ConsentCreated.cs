namespace ReferralNet.Contracts.Api;

/// <summary>What <c>POST /api/survivors/{id}/consents</c> answers (with a Location header): the consent's id and when it expires.</summary>
public sealed record ConsentCreated(string Id, DateTimeOffset ExpiresAt);
