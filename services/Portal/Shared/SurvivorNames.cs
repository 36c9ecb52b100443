using ReferralNet.Contracts.Api;

namespace ReferralNet.Portal.Shared;

/// <summary>How the portal names a survivor in its lists.</summary>
public static class SurvivorNames
{
    public static string DisplayName(this SurvivorSummary survivor) =>
        $"{survivor.GivenName} {survivor.FamilyName}".Trim() is { Length: > 0 } name ? name : "(no name recorded)";
}
