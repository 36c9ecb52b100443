namespace ReferralNet.Contracts.Api;

/// <summary>What <c>POST /api/referrals</c> answers (with a Location header): the new referral's id and status.</summary>
public sealed record ReferralCreated(string Id, string Status);
