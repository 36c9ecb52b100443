using System.Text;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using ReferralNet.Messaging.Tests.Support;
using ReferralNet.Testing;

namespace ReferralNet.Messaging.Tests;

public sealed class Poison_messages(BrokerFixture broker)
{
    // KebabCaseEndpointNameFormatter with the service name as prefix: every service has its own queue per consumer.
    const string Queue = "bbtest-counting";

    [Theory]
    [InlineData("application/vnd.masstransit+json", "this is not json")]
    [InlineData("application/vnd.masstransit+json", """{"messageType":["urn:message:ReferralNet.Contracts.Beds:BedAvailabilityChanged"],"message":{"shelterId":[1,2,3]}}""")]
    [InlineData("application/x-unknown", "\u0000\u0001binary")]
    [InlineData("application/vnd.masstransit+json", """{"messageType":["urn:message:ReferralNet.Contracts.Beds:BedAvailabilityChanged"],"message":{}}""")]
    public async Task End_in_the_error_queue_and_the_service_keeps_consuming(string contentType, string body)
    {
        var connectionString = await broker.NewVirtualHostAsync();
        await using var host = await MessagingHost.StartAsync(connectionString);

        await using (var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            var properties = new BasicProperties { ContentType = contentType, MessageId = Guid.NewGuid().ToString(), Persistent = true };
            await channel.BasicPublishAsync("", Queue, mandatory: true, properties, Encoding.UTF8.GetBytes(body));
        }
        var good = Guid.NewGuid();
        await host.Services.GetRequiredService<IBus>().Publish(MessagingHost.Change("after-poison"), c => c.MessageId = good);

        await host.Received.WaitForAsync(r => r.Any(m => m.MessageId == good), Eventually.DefaultPatience);
        var inError = await Eventually.ReturnsAsync(() => MessageCountAsync(connectionString, Queue + "_error"), n => n >= 1, "poison message in the error queue");
        Assert.Equal(1u, inError);
        // The good message's effect commits just after the consumer saw it.
        await Eventually.HoldsAsync(() => host.QueryAsync(db => db.Counters.AnyAsync(c => c.Id == "after-poison")), "good message's effect");
        Assert.Equal(1, await host.QueryAsync(db => db.Counters.CountAsync()));
        // Moved to _error only: a copy in _skipped as well (the receive not marked faulted) is made in the
        // same receive as the _error copy, before the poison is acknowledged and long before the good
        // message's effect above.
        Assert.Equal(0u, await MessageCountAsync(connectionString, Queue + "_skipped"));
    }

    static async Task<uint> MessageCountAsync(string connectionString, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return 0; // not declared yet
        }
    }
}
