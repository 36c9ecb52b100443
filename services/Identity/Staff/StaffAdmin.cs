using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using ReferralNet.Identity.Accounts;
using ReferralNet.Identity.SignIn;
using ReferralNet.ServiceDefaults.Identity;

namespace ReferralNet.Identity.Staff;

/// <summary>
/// Who may use the staff pages: a signed-in (second factor passed) org admin, for their own
/// organisation only. Anyone else signed in gets 403; someone not signed in goes to the sign-in page.
/// </summary>
static class StaffAdmin
{
    public static async Task<(StaffActor? Actor, IResult? Refusal)> CheckAsync(HttpContext http, UserManager<StaffAccount> users)
    {
        var session = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var account = session.Succeeded ? await users.GetUserAsync(session.Principal!) : null;
        if (account is null || account.Disabled)
            return (null, Results.Redirect($"/signin?returnUrl={Uri.EscapeDataString(ReturnUrls.Staff)}"));
        var roles = await users.GetRolesAsync(account);
        if (!roles.Contains(Roles.OrgAdmin) || !session.Principal!.HasClaim(AccountsExtensions.SecondFactorClaim, "mfa"))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return (null, SignInPage.Render(http, "Not for your role", null,
                "<p>The staff pages are for your organisation's admins. Ask one of them for what you need.</p>"));
        }
        return (new StaffActor(account.Id, account.OrganisationId, [.. roles]), null);
    }
}
