namespace ReferralNet.Contracts.Referrals;

/// <summary>
/// A consent was revoked or expired at the origin: the recipient must purge the personal data it
/// holds under it, for these referrals, and confirm. <see cref="Cause"/> is "revoked" or "expired".
/// </summary>
public sealed record ConsentWithdrawn(
    string ConsentId,
    string FromOrganisationId,
    string RecipientOrganisationId,
    IReadOnlyList<string> ReferralIds,
    string Cause,
    DateTimeOffset WithdrawnAt);
