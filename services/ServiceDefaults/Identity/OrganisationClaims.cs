using System.Security.Claims;

namespace ReferralNet.ServiceDefaults.Identity;

/// <summary>The claims that say which organisation a call is made for, whatever scheme signed it in.</summary>
public static class OrganisationClaims
{
    /// <summary>Claim type of the organisation id.</summary>
    public const string OrganisationId = "referralnet:org";
    /// <summary>Claim type of the organisation kind.</summary>
    public const string Kind = "referralnet:kind";
    /// <summary>Claim type of the acting person's pseudonymous staff id in an access token (absent when no person acts).</summary>
    public const string StaffId = "sub";
    /// <summary>Claim type of a role in an access token.</summary>
    public const string Role = "role";

    /// <summary>The claims of an organisation, in the one role <see cref="RoleOf"/> gives it (the portal's development sign-in).</summary>
    public static IEnumerable<Claim> For(Organisation organisation) =>
    [
        new(OrganisationId, organisation.Id),
        new(Kind, organisation.Kind),
        new(ClaimTypes.Name, organisation.Name),
        new(ClaimTypes.Role, RoleOf(organisation.Kind)),
    ];

    /// <summary>
    /// The claims of an organisation acting as a whole, with no person named (a development key):
    /// every role its kind implies (<see cref="RolesOf"/>), as <see cref="ClaimTypes.Role"/>.
    /// </summary>
    public static IEnumerable<Claim> ForWholeOrganisation(Organisation organisation) =>
        For(organisation).Concat(RolesOf(organisation.Kind).Skip(1).Select(role => new Claim(ClaimTypes.Role, role)));

    /// <summary>The role staff of such an organisation act in.</summary>
    public static string RoleOf(string kind) => kind switch
    {
        OrganisationKinds.Shelter => Roles.ShelterStaff,
        OrganisationKinds.Operator => Roles.Operator,
        _ => Roles.Caseworker,
    };

    /// <summary>
    /// The roles an organisation acts in when no person signs in — a development key or a
    /// client-credentials token (scripts, service-to-service): what one organisation of that kind
    /// does as a whole. A partner refers and receives (caseworker, intake), a shelter also runs
    /// its beds; the operator only operates. Never <c>org-admin</c>: nobody administers staff by script.
    /// <see cref="RoleOf"/> comes first.
    /// </summary>
    public static IReadOnlyList<string> RolesOf(string kind) => kind switch
    {
        OrganisationKinds.Shelter => [Roles.ShelterStaff, Roles.Caseworker, Roles.Intake],
        OrganisationKinds.Operator => [Roles.Operator],
        _ => [Roles.Caseworker, Roles.Intake],
    };

    /// <summary>The id of the organisation the call is made for.</summary>
    public static string OrganisationIdOf(this ClaimsPrincipal user) =>
        user.FindFirstValue(OrganisationId) ?? throw new InvalidOperationException("the caller has no organisation claim");

    /// <summary>
    /// The pseudonymous staff id of the person making the call; null when no person signed in
    /// (a development key or a client-credentials token acts for the organisation as a whole).
    /// </summary>
    public static string? StaffIdOf(this ClaimsPrincipal user) =>
        user.Identity?.AuthenticationType == TokenAuthentication.SchemeName ? user.FindFirstValue(StaffId) : null;
}
