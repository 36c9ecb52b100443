namespace ReferralNet.ServiceDefaults.Identity;

/// <summary>The kinds of partner organisation; each belongs to one service.</summary>
public static class OrganisationKinds
{
    /// <summary>Runs shelters (the Shelter service).</summary>
    public const string Shelter = "shelter";
    /// <summary>Legal-aid provider (the LegalAid service).</summary>
    public const string LegalAid = "legal-aid";
    /// <summary>Medical provider (the Medical service).</summary>
    public const string Medical = "medical";
    /// <summary>Vocational programme (the Vocational service).</summary>
    public const string Vocational = "vocational";
    /// <summary>Operates the network; sees health and traces, never survivors' data.</summary>
    public const string Operator = "operator";

    /// <summary>Every kind.</summary>
    public static readonly IReadOnlyList<string> All = [Shelter, LegalAid, Medical, Vocational, Operator];
}
