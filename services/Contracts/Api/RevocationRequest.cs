namespace ReferralNet.Contracts.Api;

/// <summary>Body of <c>POST /api/consents/{id}/revoke</c>; the reason is a code.</summary>
public sealed record RevocationRequest(string Reason);
