using ReferralNet.BadInput.Replay;
using ReferralNet.Testing;

namespace ReferralNet.BadInput.Tests;

/// <summary>
/// The in-process network as a <see cref="ReplayNetwork"/>: REST and gRPC through each host's own
/// handler, broker messages to the services' real queues.
/// </summary>
public sealed class InProcessReplayNetwork(BrokerFixture broker) : IAsyncLifetime
{
    InProcessNetwork? _hosts;

    public ReplayNetwork Network { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _hosts = await InProcessNetwork.StartAsync(broker);
        var targets = _hosts.Servers()
            .Select(s => new ServiceTarget(s.Service, s.Server.BaseAddress, s.Server.CreateHandler(), s.Server.BaseAddress, s.Server.CreateHandler()))
            .ToList();
        Network = new ReplayNetwork(targets, _hosts.BrokerConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        if (_hosts is not null)
            await _hosts.DisposeAsync();
    }
}
