namespace ReferralNet.Contracts.Api;

/// <summary>A sent referral not yet answered past its due time.</summary>
public sealed record OverdueReferral(
    string Id,
    string Status,
    string Priority,
    DateTimeOffset DueAt,
    string FromOrganisationId,
    string ToOrganisationId);
