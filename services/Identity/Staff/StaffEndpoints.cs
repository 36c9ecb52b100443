using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ReferralNet.Identity.Accounts;
using ReferralNet.ServiceDefaults.Outcomes;

namespace ReferralNet.Identity.Staff;

/// <summary>
/// <c>/staff</c>: an org admin lists their organisation's staff, invites by a one-time link,
/// changes roles, resets a second factor and disables accounts. Another organisation's account is a
/// 404. Every action is audited by <see cref="StaffAccounts"/> with ids only.
/// </summary>
public static class StaffEndpoints
{
    public static WebApplication MapStaffPages(this WebApplication app)
    {
        app.MapGet("/staff", ListAsync);
        app.MapPost("/staff/invite", InviteAsync);
        app.MapGet("/staff/{staffId}", AccountAsync);
        app.MapPost("/staff/{staffId}/roles", RolesAsync);
        app.MapPost("/staff/{staffId}/reset-second-factor", ResetAsync);
        app.MapPost("/staff/{staffId}/disable", DisableAsync);
        return app;
    }

    static async Task<IResult> ListAsync(HttpContext http, IAntiforgery antiforgery, UserManager<StaffAccount> users, StaffAccounts accounts) =>
        await ListPageAsync(http, antiforgery, users, accounts, null, null);

    static async Task<IResult> ListPageAsync(HttpContext http, IAntiforgery antiforgery, UserManager<StaffAccount> users, StaffAccounts accounts, string? message, string? notice)
    {
        var (actor, refusal) = await StaffAdmin.CheckAsync(http, users);
        if (actor is null)
            return refusal!;
        var rows = new List<StaffPage.Row>();
        foreach (var account in accounts.Of(actor.OrganisationId!))
            rows.Add(new(account, await users.GetRolesAsync(account)));
        return StaffPage.List(http, antiforgery, actor.OrganisationId!, rows, message, notice);
    }

    static async Task<IResult> InviteAsync(
        HttpContext http, IAntiforgery antiforgery, UserManager<StaffAccount> users, StaffAccounts accounts, IOptions<IdentityServiceOptions> options,
        IFormCollection form)
    {
        var email = form["email"].ToString();
        string[] roles = [.. form["roles"].OfType<string>()];
        var (actor, refusal) = await StaffAdmin.CheckAsync(http, users);
        if (actor is null)
            return refusal!;
        if (string.IsNullOrWhiteSpace(email))
            return await ListPageAsync(http, antiforgery, users, accounts, "Enter the person's work e-mail.", null);
        var invited = await accounts.InviteAsync(email.Trim(), roles, actor, http.RequestAborted);
        if (!invited.Succeeded)
            return await ListPageAsync(http, antiforgery, users, accounts, $"Not invited: {invited.Message}.", null);
        var (account, token) = invited.Value;
        return await ListPageAsync(http, antiforgery, users, accounts, null, StaffPage.Link(SetUpLink(options.Value, account.Id, token)));
    }

    static async Task<IResult> AccountAsync(HttpContext http, IAntiforgery antiforgery, UserManager<StaffAccount> users, StaffAccounts accounts, string staffId)
    {
        var (actor, refusal) = await StaffAdmin.CheckAsync(http, users);
        if (actor is null)
            return refusal!;
        return await AccountPageAsync(http, antiforgery, users, await accounts.FindAsync(staffId, actor), null, null);
    }

    // Each POST takes the form (IFormCollection) so that the antiforgery middleware checks its token.
    static async Task<IResult> RolesAsync(HttpContext http, IAntiforgery antiforgery, UserManager<StaffAccount> users, StaffAccounts accounts, string staffId, IFormCollection form)
    {
        string[] roles = [.. form["roles"].OfType<string>()];
        var (actor, refusal) = await StaffAdmin.CheckAsync(http, users);
        if (actor is null)
            return refusal!;
        var changed = await accounts.ChangeRolesAsync(staffId, roles, actor, http.RequestAborted);
        if (changed.Error is ErrorKind.Invalid)
            return await AccountPageAsync(http, antiforgery, users, await accounts.FindAsync(staffId, actor), $"Roles not changed: {changed.Message}.", null);
        return await AccountPageAsync(http, antiforgery, users, changed, null, "<p role=\"status\">Roles saved. They apply from the person's next token refresh (within a minute in the portal).</p>");
    }

    static async Task<IResult> ResetAsync(HttpContext http, IAntiforgery antiforgery, UserManager<StaffAccount> users, StaffAccounts accounts, IOptions<IdentityServiceOptions> options, string staffId, IFormCollection form)
    {
        var (actor, refusal) = await StaffAdmin.CheckAsync(http, users);
        if (actor is null)
            return refusal!;
        var reset = await accounts.ResetSecondFactorAsync(staffId, actor, http.RequestAborted);
        if (!reset.Succeeded)
            return await AccountPageAsync(http, antiforgery, users, Result<StaffAccount>.Fail(reset.Error!.Value, reset.Message!), null, null);
        var (account, token) = reset.Value;
        return await AccountPageAsync(http, antiforgery, users, Result<StaffAccount>.Ok(account), null,
            "<p role=\"status\">Second factor removed and sessions ended. The person sets a password and an authenticator again through this link.</p>" + StaffPage.Link(SetUpLink(options.Value, account.Id, token)));
    }

    static async Task<IResult> DisableAsync(HttpContext http, IAntiforgery antiforgery, UserManager<StaffAccount> users, StaffAccounts accounts, string staffId, IFormCollection form)
    {
        var (actor, refusal) = await StaffAdmin.CheckAsync(http, users);
        if (actor is null)
            return refusal!;
        var disabled = await accounts.DisableAsync(staffId, actor, http.RequestAborted);
        if (disabled.Error is ErrorKind.Invalid or ErrorKind.Conflict)
            return await AccountPageAsync(http, antiforgery, users, await accounts.FindAsync(staffId, actor), $"Not disabled: {disabled.Message}.", null);
        return await AccountPageAsync(http, antiforgery, users, disabled, null, "<p role=\"status\">Account disabled: its tokens are revoked and its portal session ends within a minute.</p>");
    }

    static async Task<IResult> AccountPageAsync(HttpContext http, IAntiforgery antiforgery, UserManager<StaffAccount> users, Result<StaffAccount> found, string? message, string? notice)
    {
        if (found.Value is not { } account)
        {
            http.Response.StatusCode = found.Error is ErrorKind.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound;
            return SignIn.SignInPage.Render(http, "No such staff account", found.Message, "<p><a href=\"/staff\">Back to your staff</a></p>");
        }
        return StaffPage.Account(http, antiforgery, account, await users.GetRolesAsync(account), message, notice);
    }

    static string SetUpLink(IdentityServiceOptions options, string staffId, string token) =>
        new Uri(new Uri(options.PublicUrl), $"setup/{staffId}/{token}").ToString();
}
