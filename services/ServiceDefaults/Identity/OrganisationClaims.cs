using System.Security.Claims;

namespace ReferralNet.ServiceDefaults.Identity;

/// <summary>The claims that say which organisation a call is made for, whatever scheme signed it in.</summary>
public static class OrganisationClaims
{
    /// <summary>Claim type of the organisation id.</summary>
    public const string OrganisationId = "referralnet:org";
    /// <summary>Claim type of the organisation kind.</summary>
    public const string Kind = "referralnet:kind";

    /// <summary>The claims of an organisation.</summary>
    public static IEnumerable<Claim> For(Organisation organisation) =>
    [
        new(OrganisationId, organisation.Id),
        new(Kind, organisation.Kind),
        new(ClaimTypes.Name, organisation.Name),
        new(ClaimTypes.Role, RoleOf(organisation.Kind)),
    ];

    /// <summary>The role staff of such an organisation act in.</summary>
    public static string RoleOf(string kind) => kind switch
    {
        OrganisationKinds.Shelter => Roles.ShelterStaff,
        OrganisationKinds.Operator => Roles.Operator,
        _ => Roles.Caseworker,
    };

    /// <summary>The id of the organisation the call is made for.</summary>
    public static string OrganisationIdOf(this ClaimsPrincipal user) =>
        user.FindFirstValue(OrganisationId) ?? throw new InvalidOperationException("the caller has no organisation claim");
}
