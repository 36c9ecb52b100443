using ReferralNet.Testing;

namespace ReferralNet.Attacks.Tests.Portal;

/// <summary>The real portal as its own process, with the legal-aid service it calls replaced by <c>legalAid</c>.</summary>
public static class AttackedPortal
{
    public static async Task<ServiceProcess> StartAsync(BrokerFixture broker, string folder, Uri legalAid) =>
        await AttackedProcess.StartAsync("Portal", await broker.NewVirtualHostAsync(), folder, new Dictionary<string, string>
        {
            ["ReferralNet:Services:legalaid:Rest"] = legalAid.ToString().TrimEnd('/'),
            ["ReferralNet:Services:legalaid:Grpc"] = legalAid.ToString().TrimEnd('/'),
        });
}
