namespace ReferralNet.Contracts.Referrals;

/// <summary>
/// Sent point to point to the recipient organisation's service, never published: a referral and
/// the personal data its consent allows, sealed to the recipient's service in
/// <see cref="SealedProfile"/> (null without consent). <see cref="Profile"/> is the same data in
/// plaintext: set only by a network configured to run unsealed (the benchmark), and refused by
/// every other service.
/// <see cref="ConsentExpiresAt"/> lets the recipient purge at expiry on its own, even when the
/// origin cannot tell it. <see cref="BedHoldId"/> is always null now (a hold names its referral,
/// and the shelter links the two); it stays so that messages already queued still read.
/// </summary>
public sealed record ReferralRequested(
    string ReferralId,
    string FromOrganisationId,
    string ToOrganisationId,
    string Service,
    string Priority,
    ReferralNeeds Needs,
    bool ContactingSubjectProhibited,
    DateTimeOffset RequestedAt,
    DateTimeOffset DueAt,
    string? BedHoldId,
    string? ConsentId,
    IReadOnlyList<string> SharedCategories,
    SharedProfile? Profile,
    DateTimeOffset? ConsentExpiresAt = null,
    SealedData? SealedProfile = null);
