using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;
using ReferralNet.Testing;

namespace ReferralNet.Attacks.Tests.Broker;

/// <summary>
/// Someone on the broker who wants to read referrals as they go by: with RabbitMQ's well-known
/// guest/guest, or with the account of a service other than the one the referrals are for (a
/// compromised LegalAid reading what is sent to Shelter).
/// </summary>
public sealed class Eavesdropping_on_the_broker(BrokerFixture broker)
{
    const string ShelterQueue = "shelter-referrals";

    [Fact]
    public async Task Guest_cannot_log_in()
    {
        var factory = new ConnectionFactory { Uri = new Uri($"amqp://guest:guest@127.0.0.1:{broker.Broker.Port}/") };

        var refused = await Record.ExceptionAsync(async () =>
        {
            await using var connection = await factory.CreateConnectionAsync(TestContext.Current.CancellationToken);
        });

        Assert.True(refused is BrokerUnreachableException { InnerException: AuthenticationFailureException },
            $"guest/guest logged in to the broker ({refused?.GetType().Name ?? "no error"})");
    }

    [Fact]
    public async Task Another_services_account_can_neither_tap_nor_read_nor_imitate_its_referral_queue()
    {
        await using var network = await InProcessNetwork.StartAsync(broker);
        // What a compromised LegalAid holds: its own connection string.
        var legalAid = network.ServicesOf("legalaid").GetRequiredService<IConfiguration>().GetConnectionString("rabbitmq")!;
        var factory = new ConnectionFactory { Uri = new Uri(legalAid) };
        await using var connection = await factory.CreateConnectionAsync(TestContext.Current.CancellationToken);

        var allowed = new List<string>();
        if (await SucceedsAsync(connection, async c =>
            {
                var tap = await c.QueueDeclareAsync("legalaid-tap", durable: false, exclusive: true, autoDelete: true);
                await c.QueueBindAsync(tap.QueueName, ShelterQueue, "");
            }))
            allowed.Add($"bound its own queue to the exchange {ShelterQueue}");
        if (await SucceedsAsync(connection, c => c.BasicConsumeAsync(ShelterQueue, autoAck: false, new AsyncEventingBasicConsumer(c))))
            allowed.Add($"consumed {ShelterQueue}");
        if (await SucceedsAsync(connection, c => c.BasicGetAsync(ShelterQueue, autoAck: false)))
            allowed.Add($"took a message from {ShelterQueue}");
        if (await SucceedsAsync(connection, c => c.QueueDeclareAsync("shelter-referrals-copy", durable: true, exclusive: false, autoDelete: false)))
            allowed.Add("declared a queue named like Shelter's (shelter-referrals-copy)");
        if (await SucceedsAsync(connection, c => c.QueueDeleteAsync(ShelterQueue)))
            allowed.Add($"deleted {ShelterQueue}");

        Assert.True(allowed.Count == 0, $"the legalaid account {string.Join("; ", allowed)}");
    }

    // Each try on a channel of its own: the broker closes a channel that breaks a permission.
    static async Task<bool> SucceedsAsync(IConnection connection, Func<IChannel, Task> attempt)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken);
        try
        {
            await attempt(channel);
            return true;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 403)
        {
            return false;
        }
    }
}
