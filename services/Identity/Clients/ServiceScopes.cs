namespace ReferralNet.Identity.Clients;

/// <summary>One scope per service; a token asked for with it carries the audience of the same name.</summary>
public static class ServiceScopes
{
    public const string Shelter = "shelter";
    public const string LegalAid = "legalaid";
    public const string Medical = "medical";
    public const string Vocational = "vocational";

    public static readonly IReadOnlyList<string> All = [Shelter, LegalAid, Medical, Vocational];

    /// <summary>The audiences of these scopes: each service scope's own name; other scopes have none.</summary>
    public static IEnumerable<string> AudiencesOf(IEnumerable<string> scopes) => scopes.Intersect(All, StringComparer.Ordinal);
}
