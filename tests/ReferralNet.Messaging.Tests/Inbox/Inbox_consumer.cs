using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralNet.Messaging.Tests.Support;
using ReferralNet.Contracts.Beds;
using ReferralNet.Testing;

namespace ReferralNet.Messaging.Tests.Inbox;

public sealed class Inbox_consumer(BrokerFixture broker)
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Changes_nothing_when_the_same_message_arrives_again()
    {
        await using var host = await MessagingHost.StartAsync(await broker.NewVirtualHostAsync());
        var bus = host.Services.GetRequiredService<IBus>();
        var messageId = Guid.NewGuid();

        for (var copy = 0; copy < 3; copy++)
            await bus.Publish(MessagingHost.Change("duplicated"), c => c.MessageId = messageId);
        var marker = Guid.NewGuid();
        await bus.Publish(MessagingHost.Change("marker"), c => c.MessageId = marker);

        await host.Received.WaitForAsync(r => r.Any(m => m.MessageId == marker), Patience);
        await Eventually.HoldsAsync(() => host.QueryAsync(db => db.Counters.AnyAsync(c => c.Id == "marker")), "marker's effect");
        // The copies may still be in flight on other consumer slots after the marker: wait until every
        // delivery has finished (applied, skipped as already seen, or failed for good), so a second
        // effect would be committed by now rather than merely late.
        await host.Deliveries.WaitForAsync(messageId, deliveries: 3, Patience);
        await host.Deliveries.WaitForAsync(marker, deliveries: 1, Patience);
        Assert.Equal(1, await host.QueryAsync(db => db.Counters.Where(c => c.Id == "duplicated").Select(c => c.Count).SingleAsync()));
        Assert.Equal(1, await host.QueryAsync(db => db.Inbox.CountAsync(m => m.MessageId == messageId)));
    }

    [Fact]
    public async Task Has_no_second_effect_when_a_message_is_redelivered_after_its_effects_committed()
    {
        // The consumer commits, then fails before the ack: the broker-side retry delivers the message again.
        await using var host = await MessagingHost.StartAsync(await broker.NewVirtualHostAsync(),
            consumers: bus => bus.AddConsumer<CrashAfterCommitConsumer>());
        var bus = host.Services.GetRequiredService<IBus>();

        await bus.Publish(MessagingHost.Change("redelivered"));

        // An attempt is counted only after its consume returned, inbox check and commit included: at two,
        // the redelivery's effect, had it had one, is committed. It returns normally, so no third follows.
        await Eventually.HoldsAsync(() => CrashAfterCommitConsumer.Attempts("redelivered") >= 2, "second delivery");
        Assert.Equal(1, await host.QueryAsync(db => db.Counters.Where(c => c.Id == "redelivered").Select(c => c.Count).SingleAsync()));
    }

    [Fact]
    public async Task Keeps_no_effect_and_no_inbox_record_when_the_consumer_fails()
    {
        await using var host = await MessagingHost.StartAsync(await broker.NewVirtualHostAsync(),
            consumers: bus => bus.AddConsumer<AlwaysFailingConsumer>());
        var bus = host.Services.GetRequiredService<IBus>();
        var messageId = Guid.NewGuid();

        await bus.Publish(MessagingHost.Change("failing"), c => c.MessageId = messageId);

        await Eventually.HoldsAsync(() => AlwaysFailingConsumer.Attempts >= 6, "first try and five retries");
        // The sixth attempt is counted before it throws and rolls back; the delivery's fault comes after
        // that rollback, once the retries are spent.
        await host.Deliveries.WaitForFaultAsync(messageId, Patience);
        Assert.Equal(6, AlwaysFailingConsumer.Attempts);
        Assert.False(await host.QueryAsync(db => db.Counters.AnyAsync(c => c.Id == "failing")));
        Assert.False(await host.QueryAsync(db => db.Inbox.AnyAsync(m => m.MessageId == messageId)));
    }

    public sealed class CrashAfterCommitConsumer(IServiceProvider services) : IConsumer<BedAvailabilityChanged>
    {
        static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> AttemptsByShelter = new();

        public static int Attempts(string shelterId) => AttemptsByShelter.GetValueOrDefault(shelterId);

        public async Task Consume(ConsumeContext<BedAvailabilityChanged> context)
        {
            await ActivatorUtilities.CreateInstance<CountingConsumer>(services).Consume(context);
            if (AttemptsByShelter.AddOrUpdate(context.Message.ShelterId, 1, (_, n) => n + 1) == 1)
                throw new InvalidOperationException("simulated crash after the commit, before the ack");
        }
    }

    public sealed class AlwaysFailingConsumer(ReferralNet.Messaging.Data.ReferralNetDbContext db) : ReferralNet.Messaging.Inbox.InboxConsumer<BedAvailabilityChanged>(db)
    {
        static int _attempts;
        public static int Attempts => Volatile.Read(ref _attempts);

        protected override async Task HandleAsync(ConsumeContext<BedAvailabilityChanged> context)
        {
            Db.Set<EffectCounter>().Add(new EffectCounter { Id = context.Message.ShelterId, Count = 1 });
            await Db.SaveChangesAsync(); // even an effect saved inside the handler must roll back with the transaction
            Interlocked.Increment(ref _attempts);
            throw new InvalidOperationException("simulated failure after the effect");
        }
    }
}
