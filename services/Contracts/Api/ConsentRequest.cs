namespace ReferralNet.Contracts.Api;

/// <summary>Body of <c>POST /api/survivors/{id}/consents</c>.</summary>
public sealed record ConsentRequest(
    string RecipientOrgId,
    IReadOnlyList<string> Categories,
    string Method,
    string? Witness = null,
    DateTimeOffset? ExpiresAt = null,
    string? Purpose = null,
    DateTimeOffset? GivenAt = null);
