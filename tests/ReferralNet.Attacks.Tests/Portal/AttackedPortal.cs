using ReferralNet.Testing;

namespace ReferralNet.Attacks.Tests.Portal;

/// <summary>
/// The real portal as its own process, signing people in at a real identity service (its own
/// process, with the seeded accounts), with the legal-aid service it calls replaced by <c>legalAid</c>.
/// </summary>
public sealed class AttackedPortal : IAsyncDisposable
{
    AttackedPortal(ServiceProcess identity, ServiceProcess portal) => (Identity, Portal) = (identity, portal);

    public ServiceProcess Identity { get; }

    public ServiceProcess Portal { get; }

    public static async Task<AttackedPortal> StartAsync(BrokerFixture broker, string folder, Uri legalAid)
    {
        var ports = FreePort.Next(2);
        var identityUrl = new Uri($"http://127.0.0.1:{ports[0]}");
        var portalUrl = new Uri($"http://127.0.0.1:{ports[1]}");
        var virtualHost = await broker.NewVirtualHostAsync();
        var identity = IdentityProcess.Start(Checkout.Find(), Checkout.ConfigurationOf(typeof(AttackedPortal).Assembly), virtualHost, folder, identityUrl, portalUrl);
        try
        {
            await identity.WaitUntilHealthyAsync(TestContext.Current.CancellationToken);
            var settings = IdentityProcess.PortalSettings(identityUrl);
            settings["ReferralNet:Services:legalaid:Rest"] = legalAid.ToString().TrimEnd('/');
            settings["ReferralNet:Services:legalaid:Grpc"] = legalAid.ToString().TrimEnd('/');
            return new AttackedPortal(identity, await AttackedProcess.StartAsync("Portal", virtualHost, folder, settings, portalUrl));
        }
        catch
        {
            Console.Error.WriteLine(identity.DescribeLog(40));
            await identity.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Portal.DisposeAsync();
        await Identity.DisposeAsync();
    }
}
