using System.Net;
using ReferralNet.Identity.Audit;
using ReferralNet.Identity.Tests.Support;
using ReferralNet.ServiceDefaults.Identity;
using Xunit;

namespace ReferralNet.Identity.Tests.Staff;

public sealed class Who_may_use_the_staff_pages(IdentityHost host)
{
    [Fact]
    public async Task Someone_not_signed_in_is_sent_to_the_sign_in_page()
    {
        var person = await host.AddAsync("st-mary-clinic", Roles.Intake);
        var browser = host.NewBrowser();

        var list = await browser.GetAsync("/staff");
        var account = await browser.GetAsync($"/staff/{person.StaffId}");

        Assert.All([list, account], page =>
        {
            Assert.Equal(HttpStatusCode.Redirect, page.Response.StatusCode);
            Assert.Equal("/signin?returnUrl=%2Fstaff", page.Response.Headers.Location!.OriginalString);
        });
    }

    [Fact]
    public async Task A_caseworker_is_refused_every_page_and_action_with_a_403()
    {
        var caseworker = await host.AddAsync("st-mary-clinic", Roles.Caseworker);
        var colleague = await host.AddAsync("st-mary-clinic", Roles.Intake);
        var browser = host.NewBrowser();
        var landing = await browser.SignInToStaffPagesAsync(caseworker.Email, NewStaff.Password, caseworker.TotpSecret);
        // A valid antiforgery token of the caseworker's own session, so that only the role check can refuse.
        var withToken = await browser.GetAsync("/signin");

        var account = await browser.GetAsync($"/staff/{colleague.StaffId}");
        var invite = await browser.PostWithTokenOfAsync(withToken, "/staff/invite", ("email", $"invited-{Guid.NewGuid():N}@staff-tests.example"), ("roles", Roles.Intake));
        var roles = await browser.PostWithTokenOfAsync(withToken, $"/staff/{colleague.StaffId}/roles", ("roles", Roles.OrgAdmin));
        var reset = await browser.PostWithTokenOfAsync(withToken, $"/staff/{colleague.StaffId}/reset-second-factor");
        var disable = await browser.PostWithTokenOfAsync(withToken, $"/staff/{colleague.StaffId}/disable");

        Assert.All([landing, account, invite, roles, reset, disable], page =>
        {
            Assert.Equal(HttpStatusCode.Forbidden, page.Response.StatusCode);
            Assert.Contains("Not for your role", page.Html);
        });
        var (stored, storedRoles) = await host.StoredAsync(colleague.StaffId);
        Assert.Equal([Roles.Intake], storedRoles);
        Assert.False(stored.Disabled);
        Assert.True(stored.TwoFactorEnabled);
        Assert.Equal([AuditEvent.AccountCreated], (await host.AuditAsync(colleague.StaffId)).Select(e => e.Event));
    }

    [Fact]
    public async Task A_post_without_its_antiforgery_token_is_refused()
    {
        var admin = await host.AddAsync("safe-haven", Roles.OrgAdmin);
        var person = await host.AddAsync("safe-haven", Roles.Intake);
        var (browser, _) = await host.StaffPagesAsync(admin);

        var responses = new List<HttpResponseMessage>();
        foreach (var (action, fields) in new (string, Dictionary<string, string>)[]
        {
            ("/staff/invite", new() { ["email"] = $"invited-{Guid.NewGuid():N}@staff-tests.example", ["roles"] = Roles.Intake }),
            ($"/staff/{person.StaffId}/roles", new() { ["roles"] = Roles.ShelterStaff }),
            // Not an empty body: that is refused before the antiforgery check is reached.
            ($"/staff/{person.StaffId}/reset-second-factor", new() { ["confirm"] = "yes" }),
            ($"/staff/{person.StaffId}/disable", new() { ["confirm"] = "yes" }),
        })
            responses.Add(await browser.Http.PostAsync(action, new FormUrlEncodedContent(fields)));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode));
        await AssertUnchangedAsync(person, admin);
    }

    [Fact]
    public async Task A_post_with_the_antiforgery_token_of_someone_elses_session_is_refused()
    {
        var admin = await host.AddAsync("riverside-refuge", Roles.OrgAdmin);
        var person = await host.AddAsync("riverside-refuge", Roles.Intake);
        var (browser, _) = await host.StaffPagesAsync(admin);
        // The attacker's own page: a token for their anonymous session, not the admin's.
        var attackers = await host.NewBrowser().GetAsync("/signin");

        var disable = await browser.PostWithTokenOfAsync(attackers, $"/staff/{person.StaffId}/disable");

        Assert.Equal(HttpStatusCode.BadRequest, disable.Response.StatusCode);
        await AssertUnchangedAsync(person, admin);
    }

    async Task AssertUnchangedAsync(NewStaff.Person person, NewStaff.Person admin)
    {
        var (stored, storedRoles) = await host.StoredAsync(person.StaffId);
        Assert.Equal([Roles.Intake], storedRoles);
        Assert.False(stored.Disabled);
        Assert.True(stored.TwoFactorEnabled);
        Assert.Equal([AuditEvent.AccountCreated], (await host.AuditAsync(person.StaffId)).Select(e => e.Event));
        Assert.Empty(await host.AuditByAsync(admin.StaffId));
    }
}
