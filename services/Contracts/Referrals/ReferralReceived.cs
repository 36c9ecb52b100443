namespace ReferralNet.Contracts.Referrals;

/// <summary>The recipient's service has stored the referral; sent back to the sender.</summary>
public sealed record ReferralReceived(string ReferralId, string ByOrganisationId, DateTimeOffset ReceivedAt);
