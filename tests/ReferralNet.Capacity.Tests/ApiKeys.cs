namespace ReferralNet.Capacity.Tests;

/// <summary>Development keys from seeds/organisations.json.</summary>
public static class ApiKeys
{
    /// <summary>Legal aid in north-city: t-visa, u-visa, victim-witness, labour-civil.</summary>
    public const string JusticeBridge = "dev-justice-bridge-51f0a2";

    /// <summary>Legal aid in south-valley: t-visa, asylum, u-visa.</summary>
    public const string OpenDoorLaw = "dev-open-door-law-9a7c3e";

    /// <summary>Clinic in north-city: trauma care, sexual and reproductive health, primary care.</summary>
    public const string StMaryClinic = "dev-st-mary-clinic-0d62b8";

    /// <summary>Clinic in south-valley: mental health, primary care, trauma care.</summary>
    public const string ValleyHealth = "dev-valley-health-e3f915";

    /// <summary>Programmes in north-city: training, job placement.</summary>
    public const string NewPaths = "dev-new-paths-4c1b6d";

    /// <summary>Programmes in south-valley: education, training.</summary>
    public const string SkillsForward = "dev-skills-forward-8e2a50";
}
