using System.Net;
using ReferralNet.Identity.Audit;
using ReferralNet.Identity.Tests.Support;
using ReferralNet.ServiceDefaults.Identity;
using Xunit;

namespace ReferralNet.Identity.Tests.Staff;

public sealed class An_admin_acting_on_their_own_account(IdentityHost host)
{
    [Fact]
    public async Task Cannot_disable_it()
    {
        var admin = await host.AddAsync("open-door-law", Roles.OrgAdmin);
        var (browser, _) = await host.StaffPagesAsync(admin);

        var refused = await browser.SubmitFormAsync(await browser.GetAsync($"/staff/{admin.StaffId}"), $"/staff/{admin.StaffId}/disable");

        Assert.Equal("Not disabled: you cannot disable your own account: ask another org admin of your organisation.", refused.Alert);
        Assert.False((await host.StoredAsync(admin.StaffId)).Account.Disabled);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/staff")).Response.StatusCode);
        Assert.DoesNotContain(await host.AuditByAsync(admin.StaffId), e => e.Event == AuditEvent.AccountDisabled);
    }

    [Fact]
    public async Task Cannot_take_the_org_admin_role_from_it()
    {
        var admin = await host.AddAsync("st-mary-clinic", Roles.OrgAdmin);
        var (browser, _) = await host.StaffPagesAsync(admin);

        var refused = await browser.SubmitFormAsync(await browser.GetAsync($"/staff/{admin.StaffId}"), $"/staff/{admin.StaffId}/roles", ("roles", Roles.Caseworker));

        Assert.Equal("Roles not changed: you cannot take the org-admin role from yourself: ask another org admin of your organisation.", refused.Alert);
        Assert.Equal([Roles.OrgAdmin], (await host.StoredAsync(admin.StaffId)).Roles);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/staff")).Response.StatusCode);
        Assert.DoesNotContain(await host.AuditByAsync(admin.StaffId), e => e.Event == AuditEvent.RolesChanged);
    }
}
