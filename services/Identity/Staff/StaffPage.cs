using Microsoft.AspNetCore.Antiforgery;
using ReferralNet.Identity.Accounts;
using ReferralNet.ServiceDefaults.Identity;
using static ReferralNet.Identity.SignIn.SignInPage;

namespace ReferralNet.Identity.Staff;

/// <summary>The org admin's pages, server-rendered like the sign-in pages: plain forms, no script.</summary>
static class StaffPage
{
    public sealed record Row(StaffAccount Account, IList<string> Roles);

    public static IResult List(HttpContext http, IAntiforgery antiforgery, string organisationId, IEnumerable<Row> rows, string? message = null, string? notice = null)
    {
        var body = string.Concat(rows.Select(r => $"""
            <tr data-staff-id="{Encode(r.Account.Id)}"><td><a href="/staff/{Encode(r.Account.Id)}">{Encode(r.Account.Id)}</a></td><td>{Encode(r.Account.Email)}</td>
            <td>{Encode(string.Join(", ", r.Roles))}</td><td>{(r.Account.Disabled ? "disabled" : "enabled")}</td><td>{(r.Account.TwoFactorEnabled ? "enrolled" : "not enrolled")}</td></tr>
            """));
        return Render(http, $"Staff of {organisationId}", message, $"""
            {notice}
            <table><thead><tr><th>Staff id</th><th>E-mail</th><th>Roles</th><th>Account</th><th>Second factor</th></tr></thead><tbody>{body}</tbody></table>
            <h2>Invite someone</h2>
            <form method="post" action="/staff/invite">
              {Antiforgery(http, antiforgery)}
              <label for="email">Their work e-mail</label>
              <input id="email" name="email" type="email" required>
              {RoleChoices([])}
              <button type="submit">Create a set-up link</button>
            </form>
            """);
    }

    public static IResult Account(HttpContext http, IAntiforgery antiforgery, StaffAccount account, IList<string> roles, string? message = null, string? notice = null) =>
        Render(http, $"Staff account {account.Id}", message, $"""
            {notice}
            <p>{Encode(account.Email)} · {(account.Disabled ? "disabled" : "enabled")} · second factor {(account.TwoFactorEnabled ? "enrolled" : "not enrolled")}</p>
            <h2>Roles</h2>
            <form method="post" action="/staff/{Encode(account.Id)}/roles">
              {Antiforgery(http, antiforgery)}
              {RoleChoices(roles)}
              <button type="submit">Save roles</button>
            </form>
            <h2>Lost phone</h2>
            <form method="post" action="/staff/{Encode(account.Id)}/reset-second-factor">
              {Antiforgery(http, antiforgery)}
              <button type="submit">Reset second factor</button>
            </form>
            <h2>Leaver</h2>
            <form method="post" action="/staff/{Encode(account.Id)}/disable">
              {Antiforgery(http, antiforgery)}
              <button type="submit">Disable account</button>
            </form>
            <p><a href="/staff">Back to your staff</a></p>
            """);

    /// <summary>The set-up link for the admin to pass on; shown once.</summary>
    public static string Link(string link) => $"""
        <div role="status"><p>Give this set-up link to the person, by a channel you trust. It works once, for {Invitations.Lifetime.TotalHours:0} hours:</p>
        <p><code id="setup-link">{Encode(link)}</code></p></div>
        """;

    static string RoleChoices(IList<string> current) => "<fieldset><legend>Roles</legend>" + string.Concat(Roles.All.Select(role => $"""
        <label><input type="checkbox" name="roles" value="{role}" id="role-{role}"{(current.Contains(role) ? " checked" : "")}> {role}</label>
        """)) + "</fieldset>";
}
