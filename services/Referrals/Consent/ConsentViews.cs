using ReferralNet.Contracts.Api;

namespace ReferralNet.Referrals.Consent;

/// <summary>What the API shows of a consent.</summary>
public static class ConsentViews
{
    /// <summary>The consent as its origin sees it, with each recipient's purge confirmation from the disclosures under it.</summary>
    public static ConsentView ToView(this ConsentRecord consent, IReadOnlyList<Disclosure> disclosures, DateTimeOffset now) => new(
        consent.Id, consent.SurvivorId, consent.RecipientOrganisationId, consent.Categories, consent.Purpose, consent.Method.Code(),
        consent.Witness, consent.RecordedBy, consent.GivenAt, consent.ExpiresAt, consent.StatusAt(now).Code(), consent.RevokedAt, consent.RevocationReason,
        disclosures.GroupBy(d => d.RecipientOrganisationId).Select(g => new ConsentView.RecipientPurge(
            g.Key,
            g.Select(d => d.ReferralId).ToList(),
            g.Max(d => d.PurgeRequestedAt),
            g.All(d => d.PurgeConfirmedAt is not null),
            g.All(d => d.PurgeConfirmedAt is not null) ? g.Max(d => d.PurgeConfirmedAt) : null)).ToList());
}
