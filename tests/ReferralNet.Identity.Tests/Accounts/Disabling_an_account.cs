using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using ReferralNet.Identity.Accounts;
using ReferralNet.Identity.Audit;
using ReferralNet.Identity.Tests.Support;
using ReferralNet.ServiceDefaults.Identity;
using ReferralNet.ServiceDefaults.Outcomes;
using Xunit;

namespace ReferralNet.Identity.Tests.Accounts;

public sealed class Disabling_an_account(IdentityHost host)
{
    [Fact]
    public async Task Revokes_its_refresh_tokens_at_once_and_refuses_its_next_sign_in()
    {
        const string Email = "caseworker@st-mary-clinic.example";
        var browser = host.NewBrowser();
        var refresh = (await browser.TokensAsync(Email)).GetProperty("refresh_token").GetString()!;
        var admin = await ActorAsync("org-admin@st-mary-clinic.example");
        var staffId = await StaffIdAsync(Email);

        var disabled = await host.WithServiceAsync(sp => sp.GetRequiredService<StaffAccounts>().DisableAsync(staffId, admin));

        Assert.True(disabled.Succeeded, disabled.Message);
        var refused = await browser.RefreshAsync(refresh);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("invalid_grant", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        var statuses = await host.WithServiceAsync(async sp =>
        {
            var authorizations = sp.GetRequiredService<IOpenIddictAuthorizationManager>();
            var found = new List<string?>();
            await foreach (var authorization in authorizations.FindBySubjectAsync(staffId))
                found.Add(await authorizations.GetStatusAsync(authorization));
            return found;
        });
        Assert.NotEmpty(statuses);
        Assert.All(statuses, status => Assert.Equal(OpenIddictConstants.Statuses.Revoked, status));

        var again = host.NewBrowser();
        var signIn = await again.SubmitAsync(await again.StartAsync(), ("email", Email), ("password", SeededStaff.Password));
        Assert.Equal(HttpStatusCode.OK, signIn.Response.StatusCode);
        Assert.Contains("do not match an active account", signIn.Html);
        var audit = await host.AuditAsync(staffId);
        Assert.Contains(audit, e => e.Event == AuditEvent.AccountDisabled && e.ActorStaffId == admin.StaffId);
        Assert.Contains(audit, e => e.Event == AuditEvent.RefusedDisabled);
    }

    [Fact]
    public async Task Is_not_possible_for_another_organisations_admin()
    {
        var staffId = await StaffIdAsync("intake@valley-health.example");
        var foreignAdmin = await ActorAsync("org-admin@new-paths.example");

        var result = await host.WithServiceAsync(sp => sp.GetRequiredService<StaffAccounts>().DisableAsync(staffId, foreignAdmin));

        Assert.Equal(ErrorKind.NotFound, result.Error);
        Assert.False(await host.WithServiceAsync(async sp => (await sp.GetRequiredService<UserManager<StaffAccount>>().FindByIdAsync(staffId))!.Disabled));
    }

    [Fact]
    public async Task Is_not_possible_for_staff_who_are_not_admins()
    {
        var staffId = await StaffIdAsync("intake@skills-forward.example");
        var colleague = await ActorAsync("caseworker@skills-forward.example");

        var result = await host.WithServiceAsync(sp => sp.GetRequiredService<StaffAccounts>().DisableAsync(staffId, colleague));

        Assert.Equal(ErrorKind.Forbidden, result.Error);
    }

    Task<StaffActor> ActorAsync(string email) => host.WithServiceAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<StaffAccount>>();
        var account = (await users.FindByEmailAsync(email))!;
        return new StaffActor(account.Id, account.OrganisationId, [.. await users.GetRolesAsync(account)]);
    });

    Task<string> StaffIdAsync(string email) => host.WithServiceAsync(async sp =>
        (await sp.GetRequiredService<UserManager<StaffAccount>>().FindByEmailAsync(email))!.Id);
}
