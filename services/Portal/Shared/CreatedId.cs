namespace ReferralNet.Portal.Shared;

/// <summary>What the services answer to a create: the new record's id.</summary>
public sealed record CreatedId(string Id);
