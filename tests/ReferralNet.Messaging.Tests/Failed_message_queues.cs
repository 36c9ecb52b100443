using RabbitMQ.Client;
using ReferralNet.Broker;
using ReferralNet.Testing;

namespace ReferralNet.Messaging.Tests;

/// <summary>
/// Every broker we start limits the queues of failed and unconsumed messages (they may hold
/// consented personal data): at most <see cref="BrokerAccounts.FailedMessageLimit"/> messages, the
/// oldest dropped first, each kept for <see cref="BrokerAccounts.FailedMessageTtl"/>, not less.
/// </summary>
public sealed class Failed_message_queues(BrokerFixture broker)
{
    [Theory]
    [InlineData("probe-referrals_error")]
    [InlineData("probe-referrals_skipped")]
    public async Task Keep_at_most_the_limit_dropping_the_oldest_and_do_not_expire_what_just_arrived(string queue)
    {
        var ct = TestContext.Current.CancellationToken;
        var virtualHost = await broker.NewVirtualHostAsync();
        await using var connection = await new ConnectionFactory { Uri = new Uri(virtualHost) }.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: ct);

        for (var i = 0; i <= BrokerAccounts.FailedMessageLimit; i++)
            await channel.BasicPublishAsync("", queue, mandatory: true, new BasicProperties { MessageId = i.ToString() }, ReadOnlyMemory<byte>.Empty, ct);

        // Confirmed publishes are in the queue; a TTL of 0 (or none of the policy) would show at once.
        var kept = (await channel.QueueDeclarePassiveAsync(queue, ct)).MessageCount;
        var oldest = await channel.BasicGetAsync(queue, autoAck: true, ct);

        Assert.Equal((uint)BrokerAccounts.FailedMessageLimit, kept);
        Assert.Equal("1", oldest?.BasicProperties.MessageId);
    }
}
