using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralNet.Messaging.Tests.Support;
using ReferralNet.Testing;

namespace ReferralNet.Messaging.Tests.Outbox;

/// <summary>The same outbox and inbox on PostgreSQL, the database a service uses beyond one machine.</summary>
public sealed class Outbox_and_inbox_on_postgres(BrokerFixture broker, Outbox_and_inbox_on_postgres.Postgres postgres) : IClassFixture<Outbox_and_inbox_on_postgres.Postgres>
{
    public sealed class Postgres : IAsyncLifetime
    {
        public PostgresServer Server { get; private set; } = null!;
        public async ValueTask InitializeAsync() => Server = await PostgresServer.StartAsync();
        public ValueTask DisposeAsync() => Server.DisposeAsync();
    }

    [Fact]
    public async Task Sends_a_committed_message_and_marks_it_sent()
    {
        await using var host = await MessagingHost.StartAsync(await broker.NewVirtualHostAsync(),
            postgresConnectionString: postgres.Server.ConnectionString("outbox_" + Guid.NewGuid().ToString("N")[..8]));

        var messageId = await host.WriteToOutboxAsync("pg-shelter");

        await host.Received.WaitForAsync(r => r.Any(m => m.MessageId == messageId), Eventually.DefaultPatience);
        await Eventually.HoldsAsync(() => host.QueryAsync(db => db.Outbox.AnyAsync(m => m.MessageId == messageId && m.SentAt != null)), "row marked sent");
        Assert.True(await host.QueryAsync(db => Task.FromResult(db.Database.IsNpgsql())));
    }

    [Fact]
    public async Task Changes_nothing_when_the_same_message_arrives_again()
    {
        await using var host = await MessagingHost.StartAsync(await broker.NewVirtualHostAsync(),
            postgresConnectionString: postgres.Server.ConnectionString("inbox_" + Guid.NewGuid().ToString("N")[..8]));
        var bus = host.Services.GetRequiredService<IBus>();
        var messageId = Guid.NewGuid();

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => bus.Publish(MessagingHost.Change("pg-duplicated"), c => c.MessageId = messageId)));
        var marker = Guid.NewGuid();
        await bus.Publish(MessagingHost.Change("pg-marker"), c => c.MessageId = marker);

        await Eventually.HoldsAsync(() => host.QueryAsync(db => db.Counters.AnyAsync(c => c.Id == "pg-marker")), "marker's effect");
        // Copies may still be in flight on other consumer slots after the marker: wait until every delivery has finished.
        await host.Deliveries.WaitForAsync(messageId, deliveries: 3);
        await host.Deliveries.WaitForAsync(marker, deliveries: 1);
        Assert.Equal(1, await host.QueryAsync(db => db.Counters.Where(c => c.Id == "pg-duplicated").Select(c => c.Count).SingleAsync()));
        Assert.Equal(1, await host.QueryAsync(db => db.Inbox.CountAsync(m => m.MessageId == messageId)));
    }
}
