using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using ReferralNet.Testing;

namespace ReferralNet.EndToEnd.Tests.Referrals;

/// <summary>
/// A queue of the test's own, bound to the exchanges that feed services' referral queues
/// (MassTransit sends to an exchange named like the queue), so the test reads exactly the bytes
/// that went over the wire.
/// </summary>
public sealed class WireTap : IAsyncDisposable
{
    readonly IConnection connection;
    readonly IChannel channel;
    readonly string queue;
    readonly List<Envelope> seen = [];

    WireTap(IConnection connection, IChannel channel, string queue)
    {
        this.connection = connection;
        this.channel = channel;
        this.queue = queue;
    }

    /// <summary>Binds a new exclusive queue to each exchange; call before the messages are sent.</summary>
    public static async Task<WireTap> OnAsync(string brokerConnectionString, params string[] exchanges)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(brokerConnectionString) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var declared = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);
        foreach (var exchange in exchanges)
            await channel.QueueBindAsync(declared.QueueName, exchange, routingKey: "");
        return new WireTap(connection, channel, declared.QueueName);
    }

    /// <summary>Waits for the message of this type whose body mentions <paramref name="text"/> (a referral id).</summary>
    public Task<Envelope> MessageAsync(string messageType, string text) =>
        Eventually.ReturnsAsync(async () =>
        {
            await DrainAsync();
            return seen.FirstOrDefault(e => e.MessageType == messageType && e.Body.Contains(text, StringComparison.Ordinal));
        }, e => e is not null, $"a {messageType} mentioning {text} on the wire")!;

    async Task DrainAsync()
    {
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } delivery)
            seen.Add(Envelope.Parse(Encoding.UTF8.GetString(delivery.Body.Span)));
    }

    public async ValueTask DisposeAsync()
    {
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }

    /// <summary>A MassTransit envelope as it crossed the broker: the raw body, its message id and the message.</summary>
    public sealed record Envelope(string Body, Guid MessageId, string MessageType, JsonElement Message)
    {
        public static Envelope Parse(string body)
        {
            var root = JsonDocument.Parse(body).RootElement;
            var type = root.GetProperty("messageType")[0].GetString()!;
            return new Envelope(body, root.GetProperty("messageId").GetGuid(), type[(type.LastIndexOf(':') + 1)..], root.GetProperty("message").Clone());
        }

        public T As<T>() => Message.Deserialize<T>(JsonSerializerOptions.Web)!;
    }
}
