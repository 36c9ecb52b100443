using System.Security.Claims;

namespace ReferralNet.Referrals;

/// <summary>
/// Which side of its organisation's referrals a person may read and move, by role: caseworkers
/// send and withdraw (the requester side) and read both; intake staff answer what was received
/// (the recipient side) and read only that; org admins read both and change nothing. A development
/// key or client-credentials token holds caseworker and intake, so it does both.
/// </summary>
public static class ReferralAccess
{
    /// <summary>The only side the caller may read, or null for both.</summary>
    public static ReferralSide? ReadableSide(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Caseworker) || user.IsInRole(Roles.OrgAdmin) ? null : ReferralSide.Recipient;

    /// <summary>Whether the caller may read a referral of this side.</summary>
    public static bool MayRead(ClaimsPrincipal user, ReferralSide side) => ReadableSide(user) is not { } only || only == side;

    /// <summary>The only side the caller may move on, or null for both.</summary>
    public static ReferralSide? ChangeableSide(ClaimsPrincipal user) => (user.IsInRole(Roles.Caseworker), user.IsInRole(Roles.Intake)) switch
    {
        (true, true) => null,
        (true, false) => ReferralSide.Requester,
        _ => ReferralSide.Recipient,
    };

    /// <summary>What a caller who may not read this side is told.</summary>
    public static string ReadRefusal(ReferralSide side) => side == ReferralSide.Requester
        ? "referrals your organisation sent are for its caseworkers and org admins; intake staff see the referrals it received"
        : "referrals your organisation received are for its intake staff, caseworkers and org admins";

    /// <summary>What a caller who may not move this side on is told.</summary>
    public static string ChangeRefusal(ReferralSide side) => side == ReferralSide.Requester
        ? "a referral your organisation sent is changed (cancelled, withdrawn, entered in error) by a caseworker; intake staff answer referrals it received"
        : "a referral your organisation received is answered (accepted, rejected, in progress, on hold, completed, failed) by intake staff";
}
