using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ReferralNet.Attacks.Tests.Confidentiality;

/// <summary>Someone with a broker account who reads what passes and what lies in queues: every message as its body and headers, as text.</summary>
public sealed class BrokerReader(IConnection connection) : IAsyncDisposable
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<BrokerReader> ConnectAsync(string connectionString) =>
        new(await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync(Ct));

    /// <summary>Binds a durable queue of its own to <paramref name="exchange"/> (it survives a broker restart); returns its name.</summary>
    public async Task<string> TapAsync(string exchange)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Ct);
        var queue = $"eavesdropper-{Guid.NewGuid():N}";
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: Ct);
        await channel.QueueBindAsync(queue, exchange, "", cancellationToken: Ct);
        return queue;
    }

    /// <summary>Every message in <paramref name="queue"/>, left where it is; empty when the queue does not exist.</summary>
    public async Task<IReadOnlyList<string>> PeekAsync(string queue)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Ct);
        uint count;
        try
        {
            count = (await channel.QueueDeclarePassiveAsync(queue, Ct)).MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return [];
        }
        var messages = new List<string>();
        ulong last = 0;
        for (var i = 0; i < count; i++)
        {
            if (await channel.BasicGetAsync(queue, autoAck: false, Ct) is not { } got)
                break;
            last = got.DeliveryTag;
            var headers = string.Join("\n", (got.BasicProperties.Headers ?? new Dictionary<string, object?>())
                .Select(h => $"{h.Key}: {(h.Value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : h.Value)}"));
            messages.Add(headers + "\n" + Encoding.UTF8.GetString(got.Body.Span));
        }
        if (last > 0)
            await channel.BasicNackAsync(last, multiple: true, requeue: true, Ct);
        return messages;
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
