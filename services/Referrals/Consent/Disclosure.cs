namespace ReferralNet.Referrals.Consent;

/// <summary>
/// Personal data that went to a recipient under a consent, with one referral; kept by the origin so
/// that it can tell every holder to purge and show whether each has confirmed.
/// </summary>
public sealed class Disclosure
{
    public long Id { get; set; }
    public string ConsentId { get; set; } = "";
    public string OrganisationId { get; set; } = "";
    public string RecipientOrganisationId { get; set; } = "";
    public string ReferralId { get; set; } = "";
    public List<string> Categories { get; set; } = [];
    public DateTimeOffset DisclosedAt { get; set; }
    public DateTimeOffset? PurgeRequestedAt { get; set; }
    public DateTimeOffset? PurgeConfirmedAt { get; set; }
}
