namespace ReferralNet.Medical.Tests;

/// <summary>Development keys from seeds/organisations.json.</summary>
public static class ApiKeys
{
    /// <summary>Clinic in north-city: trauma care, sexual and reproductive health, primary care.</summary>
    public const string StMaryClinic = "dev-st-mary-clinic-0d62b8";

    /// <summary>Clinic in south-valley: mental health, primary care, trauma care.</summary>
    public const string ValleyHealth = "dev-valley-health-e3f915";
}
