namespace ReferralNet.ServiceDefaults.Identity;

/// <summary>The roles a call is made in.</summary>
public static class Roles
{
    /// <summary>Sends and answers referrals.</summary>
    public const string Caseworker = "caseworker";
    /// <summary>Receives referrals and answers them for the organisation.</summary>
    public const string Intake = "intake";
    /// <summary>Runs a shelter's beds, and refers like a caseworker.</summary>
    public const string ShelterStaff = "shelter-staff";
    /// <summary>Manages the organisation's own staff accounts.</summary>
    public const string OrgAdmin = "org-admin";
    /// <summary>Watches the network; sees no survivor data. Only staff of the operator organisation hold it.</summary>
    public const string Operator = "operator";

    /// <summary>Every role a staff account can hold.</summary>
    public static readonly IReadOnlyList<string> All = [Caseworker, Intake, ShelterStaff, OrgAdmin, Operator];
}
