using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using ReferralNet.Contracts.Referrals;
using ReferralNet.Testing;

namespace ReferralNet.Attacks.Tests.Broker;

/// <summary>
/// Everything about a referral goes point to point to one service's queue. A client that
/// publishes a referral message to MassTransit's exchange for its message type (what any
/// <c>Publish</c> does) must reach no service at all.
/// </summary>
public sealed class Publishing_to_every_service(BrokerFixture broker)
{
    static readonly Type[] ReferralMessages =
        [typeof(ReferralRequested), typeof(ReferralReceived), typeof(ReferralStatusChanged), typeof(ConsentWithdrawn), typeof(PersonalDataPurged)];

    [Fact]
    public async Task A_referral_message_published_to_its_type_exchange_reaches_no_service_queue()
    {
        await using var network = await InProcessNetwork.StartAsync(broker);
        var factory = new ConnectionFactory { Uri = new Uri(network.BrokerConnectionString) };
        await using var connection = await factory.CreateConnectionAsync(TestContext.Current.CancellationToken);

        var routed = new List<string>();
        foreach (var type in ReferralMessages)
        {
            var exchange = $"{type.Namespace}:{type.Name}";
            if (await RoutedAsync(connection, exchange))
                routed.Add(exchange);
        }

        Assert.True(routed.Count == 0, $"a publish to these exchanges reached a queue: {string.Join(", ", routed)}");
    }

    // Publishes one mandatory message with confirms: the broker returns it when no queue is bound.
    static async Task<bool> RoutedAsync(IConnection connection, string exchange)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        try
        {
            await channel.ExchangeDeclarePassiveAsync(exchange, ct);
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return false; // nobody declared it, so nothing is bound to it
        }
        try
        {
            await channel.BasicPublishAsync(exchange, "", mandatory: true, new BasicProperties(), "{}"u8.ToArray(), ct);
            return true;
        }
        catch (PublishException e) when (e.IsReturn)
        {
            return false;
        }
    }
}
