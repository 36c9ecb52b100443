using ReferralNet.Testing;

namespace ReferralNet.Attacks.Tests.Edges;

/// <summary>The real Shelter service as its own process (its built dll), on a fresh virtual host, with extra settings.</summary>
public static class AttackedShelter
{
    public const string HarbourHouseKey = "dev-harbour-house-7f3a9c";
    public const string SafeHavenKey = "dev-safe-haven-2b8e41";

    public static async Task<ServiceProcess> StartAsync(BrokerFixture broker, string folder, IReadOnlyDictionary<string, string>? settings = null)
    {
        var checkout = Checkout.Find();
        var shelter = ServiceProcess.Start("Shelter", checkout.ServiceDll("Shelter", Checkout.ConfigurationOf(typeof(AttackedShelter).Assembly)),
            await broker.NewVirtualHostAsync(), checkout.SeedsFolder, folder, settings);
        try
        {
            await shelter.WaitUntilHealthyAsync(TestContext.Current.CancellationToken);
            return shelter;
        }
        catch
        {
            Console.Error.WriteLine(shelter.DescribeLog(40));
            await shelter.DisposeAsync();
            throw;
        }
    }

    /// <summary>A plain HTTP client for the service's REST port with an organisation's key.</summary>
    public static HttpClient ClientFor(ServiceProcess shelter, string key)
    {
        var client = new HttpClient { BaseAddress = shelter.RestUrl, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}
