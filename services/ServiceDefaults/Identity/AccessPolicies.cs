using Microsoft.AspNetCore.Authorization;

namespace ReferralNet.ServiceDefaults.Identity;

/// <summary>
/// Who may call what, by role, in one place: every REST route and gRPC method names one of these
/// policies (the table is in this folder's README). The organisation is checked by the endpoint
/// itself: another organisation's object is a 404 there, never a 403 here.
/// </summary>
public static class AccessPolicies
{
    /// <summary>Lookups and non-personal counts (free beds, open capacity): any partner organisation's staff.</summary>
    public const string Partner = "partner";
    /// <summary>Survivors, consent, revocation and sending referrals: caseworkers.</summary>
    public const string Caseworker = "caseworker";
    /// <summary>Reading the organisation's referrals and their audit: caseworkers, intake (received ones), org admins (read only).</summary>
    public const string ReferralReader = "referral-reader";
    /// <summary>Moving a referral on: caseworkers on the sending side, intake on the receiving side (checked per referral).</summary>
    public const string StatusChanger = "status-changer";
    /// <summary>Holding and releasing beds for a referral: caseworkers and shelter staff.</summary>
    public const string BedHolder = "bed-holder";
    /// <summary>A shelter's own bed counts, shelters and addresses: shelter staff.</summary>
    public const string ShelterStaff = "shelter-staff";
    /// <summary>The operations API (ids and codes only): the network operator.</summary>
    public const string Operator = "operator";

    /// <summary>Registers every policy; a call to an endpoint with none of them needs only a signed-in organisation.</summary>
    public static AuthorizationBuilder AddAccessPolicies(this AuthorizationBuilder authorization) => authorization
        .AddPolicy(Partner, Require(
            "lookups and capacity are for partner organisations' staff; the network operator uses the operations API",
            Roles.Caseworker, Roles.Intake, Roles.ShelterStaff, Roles.OrgAdmin))
        .AddPolicy(Caseworker, Require(
            "survivors, consent and sending referrals need the caseworker role; operators see the network's health, never survivors or referrals",
            Roles.Caseworker))
        .AddPolicy(ReferralReader, Require(
            "reading referrals needs the caseworker, intake or org-admin role; operators see the network's health, never survivors or referrals",
            Roles.Caseworker, Roles.Intake, Roles.OrgAdmin))
        .AddPolicy(StatusChanger, Require(
            "changing a referral's status needs the caseworker role (referrals you sent) or the intake role (referrals you received)",
            Roles.Caseworker, Roles.Intake))
        .AddPolicy(BedHolder, Require(
            "holding a bed needs the caseworker or shelter-staff role; operators cannot hold beds: holds are for organisations that refer survivors",
            Roles.Caseworker, Roles.ShelterStaff))
        .AddPolicy(ShelterStaff, Require(
            "a shelter's beds, list and address need the shelter-staff role of the organisation that runs it",
            Roles.ShelterStaff))
        .AddPolicy(Operator, Require(
            "the operations API is for the network operator organisation; partners see their own referrals under /api/referrals",
            Roles.Operator));

    static AuthorizationPolicy Require(string refusal, params string[] roles) =>
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new AccessRequirement(refusal, roles)).Build();
}
