namespace ReferralNet.Contracts.Referrals;

/// <summary>The recipient has replaced the survivor's personal data with redaction markers; sent back to the origin.</summary>
public sealed record PersonalDataPurged(
    string ConsentId,
    string RecipientOrganisationId,
    IReadOnlyList<string> ReferralIds,
    DateTimeOffset PurgedAt);
