namespace ReferralNet.Contracts.Api;

/// <summary>Body of <c>POST /api/referrals/{id}/status</c>.</summary>
public sealed record StatusChangeRequest(string Status, string? Reason = null, string? DeclinedBy = null);
