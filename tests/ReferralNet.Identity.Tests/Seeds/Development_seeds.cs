using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using ReferralNet.Identity.Accounts;
using ReferralNet.Identity.Tests.Support;
using ReferralNet.ServiceDefaults.Identity;
using Xunit;

namespace ReferralNet.Identity.Tests.Seeds;

public sealed class Development_seeds(IdentityHost host)
{
    [Fact]
    public async Task Refuse_to_start_outside_development()
    {
        await using var production = new IdentityHost("Production", new Dictionary<string, string?> { ["ReferralNet:Identity:DevelopmentSeeds"] = "true" });

        var error = Assert.ThrowsAny<Exception>(() => production.Server);

        Assert.Contains("ReferralNet__Identity__DevelopmentSeeds", error.ToString());
        Assert.Contains("'Production' environment", error.ToString());
    }

    [Fact]
    public async Task Are_not_loaded_outside_development_unless_asked()
    {
        await using var production = new IdentityHost("Production");

        var (accounts, portal) = await production.WithServiceAsync(async sp =>
            (sp.GetRequiredService<UserManager<StaffAccount>>().Users.Count(),
             await sp.GetRequiredService<IOpenIddictApplicationManager>().FindByClientIdAsync("portal")));

        Assert.Equal(0, accounts);
        Assert.Null(portal);
    }

    [Fact]
    public async Task Give_every_organisation_the_roles_of_its_kind()
    {
        var organisations = host.Services.GetRequiredService<OrganisationDirectory>().All;

        var held = await host.WithServiceAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<StaffAccount>>();
            var roles = new List<(string Organisation, string Role)>();
            foreach (var seed in SeededStaff.All)
            {
                var account = (await users.FindByEmailAsync(seed.Email))!;
                Assert.Equal(seed.OrganisationId, account.OrganisationId);
                Assert.True(account.TwoFactorEnabled);
                roles.AddRange((await users.GetRolesAsync(account)).Select(r => (account.OrganisationId, r)));
            }
            return roles;
        });

        foreach (var organisation in organisations)
        {
            string[] expected = organisation.Kind switch
            {
                OrganisationKinds.Shelter => [Roles.Intake, Roles.OrgAdmin, Roles.ShelterStaff],
                OrganisationKinds.Operator => [Roles.Operator],
                _ => [Roles.Caseworker, Roles.Intake, Roles.OrgAdmin],
            };
            Assert.Equal(expected, held.Where(h => h.Organisation == organisation.Id).Select(h => h.Role).Order(StringComparer.Ordinal));
        }
    }
}
