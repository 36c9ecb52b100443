using System.Net;
using ReferralNet.Identity.Audit;
using ReferralNet.Identity.Tests.Support;
using ReferralNet.ServiceDefaults.Identity;
using Xunit;

namespace ReferralNet.Identity.Tests.Staff;

public sealed class Managing_another_organisations_staff(IdentityHost host)
{
    [Fact]
    public async Task Is_a_404_for_every_action_and_changes_nothing()
    {
        var admin = await host.AddAsync("harbour-house", Roles.OrgAdmin);
        var foreign = await host.AddAsync("riverside-refuge", Roles.ShelterStaff);
        var (browser, list) = await host.StaffPagesAsync(admin);

        var account = await browser.GetAsync($"/staff/{foreign.StaffId}");
        var roles = await browser.PostWithTokenOfAsync(list, $"/staff/{foreign.StaffId}/roles", ("roles", Roles.Intake));
        var reset = await browser.PostWithTokenOfAsync(list, $"/staff/{foreign.StaffId}/reset-second-factor");
        var disable = await browser.PostWithTokenOfAsync(list, $"/staff/{foreign.StaffId}/disable");

        Assert.Equal(HttpStatusCode.OK, list.Response.StatusCode);
        Assert.DoesNotContain(foreign.StaffId, list.Html);
        Assert.DoesNotContain(foreign.Email, list.Html);
        Assert.All([account, roles, reset, disable], page =>
        {
            Assert.Equal(HttpStatusCode.NotFound, page.Response.StatusCode);
            Assert.Equal($"your organisation has no staff account '{foreign.StaffId}'", page.Alert);
            Assert.DoesNotContain(foreign.Email, page.Html);
        });
        var (stored, storedRoles) = await host.StoredAsync(foreign.StaffId);
        Assert.Equal([Roles.ShelterStaff], storedRoles);
        Assert.False(stored.Disabled);
        Assert.True(stored.TwoFactorEnabled);
        Assert.Equal([AuditEvent.AccountCreated], (await host.AuditAsync(foreign.StaffId)).Select(e => e.Event));
    }

    [Fact]
    public async Task Looks_the_same_as_an_account_that_does_not_exist()
    {
        var admin = await host.AddAsync("justice-bridge", Roles.OrgAdmin);
        var foreign = await host.AddAsync("open-door-law", Roles.Caseworker);
        var (browser, _) = await host.StaffPagesAsync(admin);

        var foreignPage = await browser.GetAsync($"/staff/{foreign.StaffId}");
        var nobodysPage = await browser.GetAsync("/staff/sf-0000000000000000");

        Assert.Equal(HttpStatusCode.NotFound, nobodysPage.Response.StatusCode);
        Assert.Equal(nobodysPage.Html.Replace("sf-0000000000000000", "ID", StringComparison.Ordinal),
            foreignPage.Html.Replace(foreign.StaffId, "ID", StringComparison.Ordinal));
    }
}
