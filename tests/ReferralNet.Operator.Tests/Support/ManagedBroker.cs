using ReferralNet.Testing;
using Xunit;

namespace ReferralNet.Operator.Tests.Support;

/// <summary>
/// One private broker with the management plugin for the assembly: the tool finds the error
/// queues through the management API. Each test takes a virtual host of its own.
/// </summary>
public sealed class ManagedBroker : IAsyncLifetime
{
    RabbitMqBroker? _broker;
    int _virtualHosts;

    public RabbitMqBroker Broker => _broker ?? throw new InvalidOperationException("xunit has not initialised the fixture yet");

    public string ManagementUrl => Broker.ManagementUrl!;

    public Task<string> NewVirtualHostAsync() =>
        Broker.CreateVirtualHostAsync($"ops-{Interlocked.Increment(ref _virtualHosts)}-{Guid.NewGuid().ToString("N")[..8]}");

    public async ValueTask InitializeAsync() =>
        _broker = await RabbitMqBroker.StartWithManagementAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_broker is not null)
            await _broker.DisposeAsync();
    }
}
