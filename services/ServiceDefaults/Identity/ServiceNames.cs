namespace ReferralNet.ServiceDefaults.Identity;

/// <summary>Which service hosts which kind of organisation, and the queue its referrals go to.</summary>
public static class ServiceNames
{
    /// <summary>The short name of the service that hosts organisations of this kind; null for operators.</summary>
    public static string? ForKind(string kind) => kind switch
    {
        OrganisationKinds.Shelter => "shelter",
        OrganisationKinds.LegalAid => "legalaid",
        OrganisationKinds.Medical => "medical",
        OrganisationKinds.Vocational => "vocational",
        _ => null,
    };

    /// <summary>
    /// The queue everything about a referral goes to, point to point, at the service hosting this
    /// organisation: no other service ever receives it.
    /// </summary>
    public static string ReferralQueue(string service) => $"{service}-referrals";
}
