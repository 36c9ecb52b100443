using System.Net;
using System.Text.Json;
using ReferralNet.Identity.Tests.Support;
using ReferralNet.ServiceDefaults.Identity;
using Xunit;

namespace ReferralNet.Identity.Tests.Staff;

public sealed class Changing_roles(IdentityHost host)
{
    [Fact]
    public async Task Gives_the_person_the_new_roles_in_their_next_refreshed_token_and_their_next_sign_in()
    {
        var admin = await host.AddAsync("justice-bridge", Roles.OrgAdmin);
        var person = await host.AddAsync("justice-bridge", Roles.Caseworker);
        var theirs = host.NewBrowser();
        var before = await theirs.TokensAsync(person.Email, NewStaff.Password, person.TotpSecret);
        Assert.Equal([Roles.Caseworker], RolesIn(before));
        var (browser, _) = await host.StaffPagesAsync(admin);

        var saved = await browser.SubmitFormAsync(await browser.GetAsync($"/staff/{person.StaffId}"), $"/staff/{person.StaffId}/roles",
            ("roles", Roles.Caseworker), ("roles", Roles.Intake));

        Assert.Equal(HttpStatusCode.OK, saved.Response.StatusCode);
        Assert.Null(saved.Alert);
        Assert.Contains("Roles saved", saved.Html);
        var refreshed = await theirs.RefreshAsync(before.GetProperty("refresh_token").GetString()!);
        var refreshedBody = await refreshed.Content.ReadAsStringAsync();
        Assert.True(refreshed.IsSuccessStatusCode, refreshedBody);
        Assert.Equal([Roles.Caseworker, Roles.Intake], RolesIn(JsonDocument.Parse(refreshedBody).RootElement));
        var signedInAgain = await host.NewBrowser().TokensAsync(person.Email, NewStaff.Password, person.TotpSecret);
        Assert.Equal([Roles.Caseworker, Roles.Intake], RolesIn(signedInAgain));
    }

    [Fact]
    public async Task Refuses_the_operator_role_outside_the_network_operators_organisation_and_says_why()
    {
        var admin = await host.AddAsync("open-door-law", Roles.OrgAdmin);
        var person = await host.AddAsync("open-door-law", Roles.Caseworker);
        var (browser, _) = await host.StaffPagesAsync(admin);

        var refused = await browser.SubmitFormAsync(await browser.GetAsync($"/staff/{person.StaffId}"), $"/staff/{person.StaffId}/roles",
            ("roles", Roles.Operator));

        Assert.Equal("Roles not changed: the role 'operator' is for the network operator's staff only, not for organisation 'open-door-law'.", refused.Alert);
        Assert.DoesNotContain("Roles saved", refused.Html);
        Assert.Equal([Roles.Caseworker], (await host.StoredAsync(person.StaffId)).Roles);
    }

    [Fact]
    public async Task Refuses_the_shelter_staff_role_outside_shelters_and_says_why()
    {
        var admin = await host.AddAsync("valley-health", Roles.OrgAdmin);
        var person = await host.AddAsync("valley-health", Roles.Intake);
        var (browser, _) = await host.StaffPagesAsync(admin);

        var refused = await browser.SubmitFormAsync(await browser.GetAsync($"/staff/{person.StaffId}"), $"/staff/{person.StaffId}/roles",
            ("roles", Roles.Intake), ("roles", Roles.ShelterStaff));

        Assert.Equal("Roles not changed: the role 'shelter-staff' is for shelters' staff only, and organisation 'valley-health' is of kind 'medical'.", refused.Alert);
        Assert.Equal([Roles.Intake], (await host.StoredAsync(person.StaffId)).Roles);
    }

    [Fact]
    public async Task Gives_the_shelter_staff_role_in_a_shelter()
    {
        var admin = await host.AddAsync("safe-haven", Roles.OrgAdmin);
        var person = await host.AddAsync("safe-haven", Roles.Intake);
        var (browser, _) = await host.StaffPagesAsync(admin);

        var saved = await browser.SubmitFormAsync(await browser.GetAsync($"/staff/{person.StaffId}"), $"/staff/{person.StaffId}/roles",
            ("roles", Roles.ShelterStaff));

        Assert.Null(saved.Alert);
        Assert.Equal([Roles.ShelterStaff], (await host.StoredAsync(person.StaffId)).Roles);
    }

    static string[] RolesIn(JsonElement tokens) =>
        [.. Jwt.Values(Jwt.Payload(tokens.GetProperty("access_token").GetString()!), "role").Order()];
}
