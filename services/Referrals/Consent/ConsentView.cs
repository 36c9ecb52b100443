namespace ReferralNet.Referrals.Consent;

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

    public static ConsentView Of(ConsentRecord consent, IReadOnlyList<Disclosure> disclosures, DateTimeOffset now) => new(
        consent.Id, consent.SurvivorId, consent.RecipientOrganisationId, consent.Categories, consent.Purpose, consent.Method,
        consent.Witness, consent.RecordedBy, consent.GivenAt, consent.ExpiresAt, consent.StatusAt(now), consent.RevokedAt, consent.RevocationReason,
        disclosures.GroupBy(d => d.RecipientOrganisationId).Select(g => new RecipientPurge(
            g.Key,
            g.Select(d => d.ReferralId).ToList(),
            g.Max(d => d.PurgeRequestedAt),
            g.All(d => d.PurgeConfirmedAt is not null),
            g.All(d => d.PurgeConfirmedAt is not null) ? g.Max(d => d.PurgeConfirmedAt) : null)).ToList());
}
