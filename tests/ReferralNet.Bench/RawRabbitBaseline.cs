using System.Buffers.Binary;
using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ReferralNet.Bench;

/// <summary>
/// (A) The broker's own pace, with nothing of ours in the way: RabbitMQ.Client 7 publishing
/// persistent messages to a durable queue with publisher confirms (a publish counts once the broker
/// has confirmed it), consumed on a second channel with manual acks, one ack per message.
/// </summary>
sealed class RawRabbitBaseline : IAsyncDisposable
{
    const string Queue = "referralnet-bench-raw";

    readonly IConnection _connection;
    readonly IChannel _publisher;
    readonly IChannel _consumer;
    readonly Deliveries _deliveries = new();

    RawRabbitBaseline(IConnection connection, IChannel publisher, IChannel consumer)
    {
        _connection = connection;
        _publisher = publisher;
        _consumer = consumer;
    }

    public static async Task<RawRabbitBaseline> StartAsync(string connectionString, ushort prefetch, CancellationToken ct)
    {
        var factory = new ConnectionFactory { Uri = new Uri(connectionString), ClientProvidedName = "referralnet-bench raw baseline" };
        var connection = await factory.CreateConnectionAsync(ct);
        // Tracking on: each BasicPublishAsync completes when its confirm arrives. The bench's own
        // window bounds what is in flight, so the client's rate limiter is off.
        var publisher = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true, outstandingPublisherConfirmationsRateLimiter: null), ct);
        var consumer = await connection.CreateChannelAsync(cancellationToken: ct);
        var baseline = new RawRabbitBaseline(connection, publisher, consumer);
        await publisher.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: ct);
        await consumer.BasicQosAsync(0, prefetch, global: false, ct);
        var subscriber = new AsyncEventingBasicConsumer(consumer);
        subscriber.ReceivedAsync += baseline.OnReceivedAsync;
        await consumer.BasicConsumeAsync(Queue, autoAck: false, subscriber, ct);
        return baseline;
    }

    async Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery)
    {
        var body = delivery.Body.Span;
        _deliveries.Record(BinaryPrimitives.ReadInt32LittleEndian(body), BinaryPrimitives.ReadInt64LittleEndian(body[4..]));
        await _consumer.BasicAckAsync(delivery.DeliveryTag, multiple: false);
    }

    /// <summary>Publishes <paramref name="count"/> messages of <paramref name="bodySize"/> bytes, at most <paramref name="inFlight"/> unconfirmed, and waits until all are consumed.</summary>
    public async Task<Timed> RunAsync(int run, int count, int inFlight, int bodySize, TimeSpan timeout, CancellationToken ct)
    {
        _deliveries.Begin(run, count);
        var properties = new BasicProperties { Persistent = true, ContentType = "application/octet-stream" };
        using var window = new SemaphoreSlim(inFlight);
        var publishes = new List<Task>(count);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            await window.WaitAsync(ct);
            var body = new byte[bodySize];
            BinaryPrimitives.WriteInt32LittleEndian(body, run);
            BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(4), Stopwatch.GetTimestamp());
            publishes.Add(PublishAsync(body));
        }
        await Task.WhenAll(publishes);
        await _deliveries.AllReceived.WaitAsync(timeout, ct);
        return new Timed(count, Stopwatch.GetElapsedTime(started, _deliveries.LastAt).TotalSeconds, _deliveries.LatencyMs);

        async Task PublishAsync(byte[] body)
        {
            try
            {
                await _publisher.BasicPublishAsync("", Queue, mandatory: false, properties, body, ct);
            }
            finally
            {
                window.Release();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _consumer.CloseAsync();
        await _publisher.CloseAsync();
        await _connection.CloseAsync();
        _connection.Dispose();
    }
}
