using System.Security.Claims;
using ReferralNet.ServiceDefaults.Identity;

namespace ReferralNet.Portal.SignIn;

/// <summary>
/// Which parts of the portal a signed-in person gets, from their claims alone (the identity
/// service's id token: <c>sub</c>, <c>referralnet:org</c>, one <c>role</c> per role): caseworkers
/// register survivors, record consent and send; intake staff answer what was received; shelter
/// staff run the bed board; org admins manage their staff at the identity service; operators get
/// only the operator pages.
/// </summary>
public static class PortalAccess
{
    public const string Caseworker = Roles.Caseworker;
    public const string Intake = Roles.Intake;
    /// <summary>A referral's own page: whoever sends (caseworker) or answers (intake).</summary>
    public const string Referrals = "referrals";
    public const string ShelterStaff = Roles.ShelterStaff;
    public const string Operator = Roles.Operator;

    /// <summary>The claim types the portal reads: as the identity service names them, no mapping.</summary>
    public const string StaffIdClaim = "sub";
    public const string RoleClaim = "role";
    /// <summary>The server-side session holding the tokens (<see cref="SignedInSessions"/>).</summary>
    public const string SessionClaim = "referralnet:session";
    /// <summary>The organisation's display name, added at sign-in from seeds/organisations.json.</summary>
    public const string OrganisationNameClaim = "referralnet:org-name";

    public static bool IsOperator(this ClaimsPrincipal user) => user.IsInRole(Roles.Operator);
    public static bool IsCaseworker(this ClaimsPrincipal user) => user.IsInRole(Roles.Caseworker);
    public static bool IsIntake(this ClaimsPrincipal user) => user.IsInRole(Roles.Intake);
    public static bool RunsShelters(this ClaimsPrincipal user) => user.IsInRole(Roles.ShelterStaff);
    public static bool IsOrgAdmin(this ClaimsPrincipal user) => user.IsInRole(Roles.OrgAdmin);

    public static string StaffIdOf(this ClaimsPrincipal user) => user.FindFirstValue(StaffIdClaim) ?? "";

    /// <summary>The organisation's display name.</summary>
    public static string OrganisationNameOf(this ClaimsPrincipal user) => user.FindFirstValue(OrganisationNameClaim) ?? user.OrganisationIdOf();

    /// <summary>The roles the person holds, for display.</summary>
    public static string RolesOf(this ClaimsPrincipal user) => string.Join(", ", user.FindAll(RoleClaim).Select(c => c.Value).Order(StringComparer.Ordinal));
}
