using System.Data.Common;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralNet.Identity.Audit;
using ReferralNet.Identity.Data;
using ReferralNet.Identity.Tests.Support;
using ReferralNet.ServiceDefaults.Identity;
using Xunit;

namespace ReferralNet.Identity.Tests.Staff;

public sealed class Auditing_admin_actions(IdentityHost host)
{
    [Fact]
    public async Task Records_each_action_with_the_ids_of_the_account_its_organisation_and_the_admin_and_nothing_personal()
    {
        const string CanaryPassword = "canary-set-up-password-4b9e2f";
        var admin = await host.AddAsync("harbour-house", Roles.OrgAdmin);
        var person = await host.AddAsync("harbour-house", Roles.Intake);
        var invitedEmail = $"invited-{Guid.NewGuid():N}@staff-tests.example";
        var (browser, list) = await host.StaffPagesAsync(admin);

        var invited = await browser.SubmitFormAsync(list, "/staff/invite", ("email", invitedEmail), ("roles", Roles.ShelterStaff));
        var invitedId = Regex.Match(invited.Html, """/setup/(sf-[0-9a-f]{16})/""").Groups[1].Value;
        var theirs = host.NewBrowser();
        var setUp = await theirs.GetAsync(new Uri(WebUtility.HtmlDecode(Regex.Match(invited.Html, """<code id="setup-link">([^<]+)</code>""").Groups[1].Value)).PathAndQuery);
        var secret = Regex.Match(setUp.Html, """<code id="totp-secret">([^<]+)</code>""").Groups[1].Value;
        var accepted = await theirs.SubmitAsync(setUp, ("password", CanaryPassword), ("code", Totp.Code(secret, DateTimeOffset.UtcNow)));
        var account = await browser.GetAsync($"/staff/{person.StaffId}");
        await browser.SubmitFormAsync(account, $"/staff/{person.StaffId}/roles", ("roles", Roles.Intake), ("roles", Roles.ShelterStaff));
        await browser.SubmitFormAsync(account, $"/staff/{person.StaffId}/reset-second-factor");
        await browser.SubmitFormAsync(account, $"/staff/{person.StaffId}/disable");

        Assert.NotEmpty(invitedId);
        Assert.Equal(
            [(AuditEvent.AccountInvited, invitedId), (AuditEvent.RolesChanged, person.StaffId), (AuditEvent.SecondFactorReset, person.StaffId), (AuditEvent.AccountDisabled, person.StaffId)],
            (await host.AuditByAsync(admin.StaffId)).Select(e => (e.Event, e.StaffId!)));
        Assert.All(await host.AuditByAsync(admin.StaffId), e => Assert.Equal("harbour-house", e.OrganisationId));
        Assert.Contains(await host.AuditAsync(invitedId), e => e.Event == AuditEvent.InvitationAccepted && e.ActorStaffId is null);
        var rows = await AuditTableAsync();
        var ours = rows.Where(row => row.Values.Contains(admin.StaffId) || row.Values.Contains(invitedId) || row.Values.Contains(person.StaffId)).ToList();
        Assert.Equal(2 + 1 + 4 + 1, ours.Count); // the two accounts' creation, the admin's sign-in, the four actions, the acceptance
        Assert.All(ours, row => Assert.All(row.Values, value =>
        {
            Assert.DoesNotContain("@", value);
            Assert.DoesNotContain(CanaryPassword, value);
            Assert.DoesNotContain(NewStaff.Password, value);
        }));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains("staff-tests.example", StringComparison.OrdinalIgnoreCase) || line.Contains(CanaryPassword, StringComparison.Ordinal));
        Assert.Contains("Your account is ready", accepted.Html);
    }

    /// <summary>Every column of every row of the audit table, as text, read with SQL rather than through the model.</summary>
    Task<List<Dictionary<string, string>>> AuditTableAsync() => host.WithServiceAsync(async sp =>
    {
        var connection = sp.GetRequiredService<StaffDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM audit";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, string>>();
        while (await reader.ReadAsync())
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!));
        return rows;
    });
}
