namespace ReferralNet.Portal.Shared;

/// <summary>One of the organisation's survivors in a list (<c>GET /api/survivors</c>).</summary>
public sealed record SurvivorSummary(string Id, string? GivenName, string? FamilyName, DateTimeOffset CreatedAt)
{
    public string DisplayName => $"{GivenName} {FamilyName}".Trim() is { Length: > 0 } name ? name : "(no name recorded)";
}
