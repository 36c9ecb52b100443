using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ReferralNet.Operator.Tests.Support;

/// <summary>Reads a queue's message count and ids straight from the broker, as a check on the tool.</summary>
public static class Queues
{
    public static async Task<uint> CountAsync(string connectionString, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (OperationInterruptedException)
        {
            return 0; // not declared yet
        }
    }

    public sealed record Message(string? MessageId, string? ContentType, IReadOnlyDictionary<string, object?> Headers, byte[] Body);

    /// <summary>Every message in a queue with its headers and body, handed back afterwards.</summary>
    public static async Task<List<Message>> MessagesAsync(string connectionString, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var messages = new List<Message>();
        ulong last = 0;
        while (await channel.BasicGetAsync(queue, autoAck: false) is { } got)
        {
            var headers = got.BasicProperties.Headers is { } h ? new Dictionary<string, object?>(h) : [];
            messages.Add(new Message(got.BasicProperties.MessageId, got.BasicProperties.ContentType, headers, got.Body.ToArray()));
            last = got.DeliveryTag;
        }
        if (last > 0)
            await channel.BasicNackAsync(last, multiple: true, requeue: true);
        return messages;
    }

    public static async Task DeleteAsync(string connectionString, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(queue);
    }

    /// <summary>The message ids in a queue, handed back afterwards.</summary>
    public static async Task<List<string>> IdsAsync(string connectionString, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var ids = new List<string>();
        ulong last = 0;
        while (await channel.BasicGetAsync(queue, autoAck: false) is { } got)
        {
            ids.Add(got.BasicProperties.MessageId ?? "");
            last = got.DeliveryTag;
        }
        if (last > 0)
            await channel.BasicNackAsync(last, multiple: true, requeue: true);
        return ids;
    }
}
