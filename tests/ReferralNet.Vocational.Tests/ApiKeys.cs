namespace ReferralNet.Vocational.Tests;

/// <summary>Development keys from seeds/organisations.json.</summary>
public static class ApiKeys
{
    /// <summary>Programmes in north-city: training, job placement.</summary>
    public const string NewPaths = "dev-new-paths-4c1b6d";

    /// <summary>Programmes in south-valley: education, training.</summary>
    public const string SkillsForward = "dev-skills-forward-8e2a50";
}
