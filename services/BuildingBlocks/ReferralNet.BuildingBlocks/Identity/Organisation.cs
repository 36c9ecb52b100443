namespace ReferralNet.BuildingBlocks.Identity;

/// <summary>A partner organisation as the seeds list it. <see cref="Kind"/> is one of <see cref="OrganisationKinds"/>.</summary>
public sealed record Organisation(string Id, string Name, string Kind, string Area, IReadOnlyList<string> Languages, string ApiKey);
