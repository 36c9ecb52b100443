using ReferralNet.BadInput.Replay;
using ReferralNet.LegalAid.Data;
using ReferralNet.Medical.Data;
using ReferralNet.Shelter.Data;
using ReferralNet.Testing;
using ReferralNet.Vocational.Data;

namespace ReferralNet.BadInput.Tests;

/// <summary>
/// The four services in this process (TestServer) on one virtual host of the assembly's broker,
/// as a <see cref="ReplayNetwork"/>: REST and gRPC through each host's own handler, broker
/// messages to the services' real queues.
/// </summary>
public sealed class InProcessNetwork(BrokerFixture broker) : IAsyncLifetime
{
    readonly List<IAsyncDisposable> _hosts = [];

    public ReplayNetwork Network { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var connectionString = await broker.NewVirtualHostAsync();
        var shelter = new ServiceHost<ShelterDbContext>(connectionString);
        var legalAid = new ServiceHost<LegalAidDbContext>(connectionString);
        var medical = new ServiceHost<MedicalDbContext>(connectionString);
        var vocational = new ServiceHost<VocationalDbContext>(connectionString);
        _hosts.AddRange([shelter, legalAid, medical, vocational]);
        // Touching Server starts a host; it blocks while MassTransit connects, so keep it off the test thread.
        var targets = await Task.Run(() => new[]
        {
            Target("shelter", shelter.Server), Target("legalaid", legalAid.Server),
            Target("medical", medical.Server), Target("vocational", vocational.Server),
        });
        Network = new ReplayNetwork(targets, connectionString);
    }

    static ServiceTarget Target(string name, Microsoft.AspNetCore.TestHost.TestServer server) =>
        new(name, server.BaseAddress, server.CreateHandler(), server.BaseAddress, server.CreateHandler());

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
            await host.DisposeAsync();
    }
}
