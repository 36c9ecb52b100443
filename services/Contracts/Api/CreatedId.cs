namespace ReferralNet.Contracts.Api;

/// <summary>What <c>POST /api/survivors</c> answers (with a Location header): the new survivor's id.</summary>
public sealed record CreatedId(string Id);
