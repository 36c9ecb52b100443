using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using ReferralNet.Messaging.Tests.Support;
using ReferralNet.Contracts.Beds;
using ReferralNet.Testing;

namespace ReferralNet.Messaging.Tests;

public sealed class Messaging_settings(BrokerFixture broker)
{
    [Fact]
    public async Task Concurrent_message_limit_caps_how_many_messages_a_consumer_handles_at_once()
    {
        var connectionString = await broker.NewVirtualHostAsync();
        var gate = new BlockingGate();
        await using var host = await MessagingHost.StartAsync(
            connectionString,
            consumers: bus => bus.AddConsumer<BlockingConsumer>(),
            settings: new Dictionary<string, string?> { ["ReferralNet:Messaging:ConcurrentMessageLimit"] = "2" },
            configure: services => services.AddSingleton(gate));
        var bus = host.Services.GetRequiredService<IBus>();
        for (var i = 0; i < 8; i++)
            await bus.Publish(MessagingHost.Change($"limited-{i}"));

        // Without the limit all eight would be in the consumer at once (the prefetch is 32).
        await Eventually.HoldsAsync(() => gate.Inside == 2, "two messages inside the consumer");
        // The limit is the broker client's dispatch (RabbitMQ.Client runs at most that many deliveries
        // at once), so the six others never reach MassTransit's receive pipe to be seen there. What
        // shows they had their chance: the broker has handed all eight to this consumer and holds
        // none back (publishes were confirmed, so all eight were queued), yet no third came in.
        await using (var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
            await Eventually.HoldsAsync(async () => (await channel.QueueDeclarePassiveAsync("bbtest-blocking")).MessageCount == 0,
                "all eight messages handed to the consumer, none left ready in its queue");
        Assert.Equal(2, gate.MostInside);

        gate.Open();
        await Eventually.HoldsAsync(() => gate.Done == 8, "all eight consumed once the gate opens");
        Assert.Equal(2, gate.MostInside);
    }

    public sealed class BlockingGate
    {
        readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        int _inside;
        int _mostInside;
        int _done;

        public int Inside => Volatile.Read(ref _inside);
        public int MostInside => Volatile.Read(ref _mostInside);
        public int Done => Volatile.Read(ref _done);

        public void Open() => _open.TrySetResult();

        public async Task PassAsync()
        {
            var inside = Interlocked.Increment(ref _inside);
            int most;
            while (inside > (most = Volatile.Read(ref _mostInside)) && Interlocked.CompareExchange(ref _mostInside, inside, most) != most) { }
            await _open.Task;
            Interlocked.Decrement(ref _inside);
            Interlocked.Increment(ref _done);
        }
    }

    public sealed class BlockingConsumer(BlockingGate gate) : IConsumer<BedAvailabilityChanged>
    {
        public Task Consume(ConsumeContext<BedAvailabilityChanged> context) => gate.PassAsync();
    }
}
