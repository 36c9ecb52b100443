namespace ReferralNet.Contracts.Api;

/// <summary>A consent as its origin sees it, with each recipient's purge confirmation.</summary>
public sealed record ConsentView(
    string Id,
    string SurvivorId,
    string RecipientOrgId,
    IReadOnlyList<string> Categories,
    string Purpose,
    string Method,
    string? Witness,
    string RecordedBy,
    DateTimeOffset GivenAt,
    DateTimeOffset ExpiresAt,
    string Status,
    DateTimeOffset? RevokedAt,
    string? RevocationReason,
    IReadOnlyList<ConsentView.RecipientPurge> Recipients)
{
    /// <summary>Whether one recipient that received data under this consent has confirmed its purge.</summary>
    public sealed record RecipientPurge(string OrganisationId, IReadOnlyList<string> ReferralIds, DateTimeOffset? PurgeRequestedAt, bool PurgeConfirmed, DateTimeOffset? PurgeConfirmedAt);
}
