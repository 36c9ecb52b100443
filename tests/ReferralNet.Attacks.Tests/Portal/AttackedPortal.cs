using ReferralNet.Testing;

namespace ReferralNet.Attacks.Tests.Portal;

/// <summary>The real portal as its own process, with the legal-aid service it calls replaced by <c>legalAid</c>.</summary>
public static class AttackedPortal
{
    public static async Task<ServiceProcess> StartAsync(BrokerFixture broker, string folder, Uri legalAid)
    {
        var checkout = Checkout.Find();
        var portal = ServiceProcess.Start("Portal", checkout.ServiceDll("Portal", Checkout.ConfigurationOf(typeof(AttackedPortal).Assembly)),
            await broker.NewVirtualHostAsync(), checkout.SeedsFolder, folder,
            new Dictionary<string, string>
            {
                ["ReferralNet:Services:legalaid:Rest"] = legalAid.ToString().TrimEnd('/'),
                ["ReferralNet:Services:legalaid:Grpc"] = legalAid.ToString().TrimEnd('/'),
            });
        try
        {
            await portal.WaitUntilHealthyAsync(TestContext.Current.CancellationToken);
            return portal;
        }
        catch
        {
            Console.Error.WriteLine(portal.DescribeLog(40));
            await portal.DisposeAsync();
            throw;
        }
    }
}
