namespace ReferralNet.ServiceDefaults.Identity;

/// <summary>The roles a call is made in.</summary>
public static class Roles
{
    /// <summary>Sends and answers referrals.</summary>
    public const string Caseworker = "caseworker";
    /// <summary>Runs a shelter's beds, and refers like a caseworker.</summary>
    public const string ShelterStaff = "shelter-staff";
    /// <summary>Watches the network; sees no survivor data.</summary>
    public const string Operator = "operator";
}
