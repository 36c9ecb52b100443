using Microsoft.AspNetCore.Hosting;
using ReferralNet.Shelter.Data;
using ReferralNet.Testing;
using Xunit;

namespace ReferralNet.Shelter.Tests.Identity;

public sealed class Development_keys(BrokerFixture broker)
{
    [Fact]
    public async Task Are_refused_outside_development_unless_explicitly_allowed()
    {
        await using var host = new ServiceHost<ShelterDbContext>(await broker.NewVirtualHostAsync());
        await using var production = host.WithWebHostBuilder(web => web.UseEnvironment("Production"));

        var error = Assert.ThrowsAny<Exception>(() => production.Server);

        Assert.Contains("development API keys", error.ToString());
        Assert.Contains("ReferralNet__Identity__AllowDevelopmentKeys", error.ToString());
    }

    [Fact]
    public async Task Work_outside_development_on_a_closed_machine_when_allowed()
    {
        await using var host = new ServiceHost<ShelterDbContext>(await broker.NewVirtualHostAsync(),
            new Dictionary<string, string?> { ["ReferralNet:Identity:AllowDevelopmentKeys"] = "true" });
        await using var production = host.WithWebHostBuilder(web => web.UseEnvironment("Production"));

        var client = production.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKeys.HarbourHouse);
        var response = await client.GetAsync("/api/shelters", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
