namespace ReferralNet.Referrals.Consent;

/// <summary>
/// Kept by a recipient once told a consent is withdrawn, so that a referral under it that arrives
/// later (messages can overtake each other) is stored without personal data.
/// </summary>
public sealed class WithdrawnConsent
{
    public string OrganisationId { get; set; } = "";
    public string ConsentId { get; set; } = "";
    public DateTimeOffset WithdrawnAt { get; set; }
}
