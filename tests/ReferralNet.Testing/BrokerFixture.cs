using Xunit;

namespace ReferralNet.Testing;

/// <summary>
/// One private RabbitMQ broker for a whole test assembly. Use it with
/// <c>[assembly: AssemblyFixture(typeof(BrokerFixture))]</c> and take it as a constructor
/// parameter of a test class.
/// </summary>
/// <remarks>
/// A queue left by an earlier test stays bound and keeps receiving copies, so each test takes a
/// fresh virtual host with <see cref="NewVirtualHostAsync"/> rather than sharing <c>/</c>.
/// Tests that stop or kill a broker start one of their own with
/// <see cref="RabbitMqBroker.StartAsync"/>: this one is shared by tests running in parallel.
/// </remarks>
public sealed class BrokerFixture : IAsyncLifetime
{
    RabbitMqBroker? broker;
    int virtualHosts;

    /// <summary>The assembly's broker.</summary>
    public RabbitMqBroker Broker =>
        broker ?? throw new InvalidOperationException("The broker fixture has not been initialised by xunit yet.");

    /// <summary>
    /// Creates a virtual host no other test uses, with every account's permissions and the
    /// policies, and returns the test administrator's connection string for it (full
    /// permissions). A service given it logs in as its own account (<see cref="RabbitMqBroker.AsAccount"/>).
    /// </summary>
    public Task<string> NewVirtualHostAsync() =>
        Broker.CreateVirtualHostAsync($"test-{Interlocked.Increment(ref virtualHosts)}-{Guid.NewGuid().ToString("N")[..8]}");

    public async ValueTask InitializeAsync() =>
        broker = await RabbitMqBroker.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (broker is not null)
        {
            await broker.DisposeAsync();
        }
    }
}
