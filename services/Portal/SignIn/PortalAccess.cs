using System.Security.Claims;
using ReferralNet.ServiceDefaults.Identity;

namespace ReferralNet.Portal.SignIn;

/// <summary>
/// Which parts of the portal a signed-in user gets, from the claims alone: every partner organisation
/// refers (caseworker pages) and receives (recipient pages); shelters also run a bed board; the
/// operator gets only the operator pages.
/// </summary>
public static class PortalAccess
{
    public const string Partner = "partner";
    public const string ShelterStaff = "shelter-staff";
    public const string Operator = "operator";

    public static bool IsOperator(this ClaimsPrincipal user) => user.IsInRole(Roles.Operator);

    public static bool IsPartner(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && !user.IsOperator() && user.FindFirst(OrganisationClaims.OrganisationId) is not null;

    public static bool RunsShelters(this ClaimsPrincipal user) => user.IsInRole(Roles.ShelterStaff);

    /// <summary>The organisation's display name (from the sign-in claims).</summary>
    public static string OrganisationNameOf(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Name) ?? user.OrganisationIdOf();

    /// <summary>The role the user acts in, for display.</summary>
    public static string RoleOf(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role) ?? "";
}
