using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ReferralNet.Messaging.DeadLetters;

/// <summary>
/// Rewrites messages where they lie in a service's own <c>_error</c> and <c>_skipped</c> queues,
/// which no purge of its database reaches: each message is read once, head to tail; one that
/// <c>rewrite</c> changes is published back in its new form (with its properties and fault headers,
/// confirmed) before the old one is removed; the others are handed back untouched. One scrub runs at
/// a time in a service, so two cannot hide messages from each other.
/// </summary>
public sealed class DeadLetterScrub(string connectionString) : IAsyncDisposable
{
    readonly SemaphoreSlim _one = new(1, 1);
    // One connection for the service's life, opened at the first scrub (and again if it closed):
    // not a TCP and AMQP handshake inside every withdrawal's transaction.
    IConnection? _connection;

    /// <summary>
    /// Runs <paramref name="move"/> while no scrub runs: a message moved to a failed-message queue in
    /// it is either in the queue before the next scrub reads it, or moved after the scrub's caller
    /// recorded what the move must leave out (see <see cref="IDeadLetterRewrite"/>).
    /// </summary>
    public async Task WhileNoScrubAsync(Func<Task> move, CancellationToken ct)
    {
        await _one.WaitAsync(ct);
        try
        {
            await move();
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>
    /// Scrubs <paramref name="queues"/> (those that do not exist are skipped): <paramref name="rewrite"/>
    /// gets each message's body and returns its new body, or null to leave it. Returns how many were rewritten.
    /// </summary>
    public async Task<int> ScrubAsync(IEnumerable<string> queues, Func<ReadOnlyMemory<byte>, byte[]?> rewrite, CancellationToken ct)
    {
        await _one.WaitAsync(ct);
        try
        {
            if (_connection is not { IsOpen: true })
            {
                if (_connection is not null)
                    await _connection.DisposeAsync();
                _connection = null;
                var factory = new ConnectionFactory { Uri = new Uri(connectionString), ClientProvidedName = "dead-letter scrub" };
                _connection = await factory.CreateConnectionAsync(ct);
            }
            var connection = _connection;
            var rewritten = 0;
            foreach (var queue in queues)
                rewritten += await ScrubQueueAsync(connection, queue, rewrite, ct);
            return rewritten;
        }
        finally
        {
            _one.Release();
        }
    }

    static async Task<int> ScrubQueueAsync(IConnection connection, string queue, Func<ReadOnlyMemory<byte>, byte[]?> rewrite, CancellationToken ct)
    {
        uint count;
        await using (var probe = await connection.CreateChannelAsync(cancellationToken: ct))
        {
            try
            {
                count = (await probe.QueueDeclarePassiveAsync(queue, ct)).MessageCount;
            }
            catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
            {
                return 0; // nothing ever failed there
            }
        }
        if (count == 0)
            return 0;

        // Confirms on: a rewritten copy is in the queue before the original goes.
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true), ct);
        var handBack = new List<ulong>();
        var rewritten = 0;
        try
        {
            for (var i = 0; i < count; i++)
            {
                var got = await channel.BasicGetAsync(queue, autoAck: false, ct);
                if (got is null)
                    break;
                var body = rewrite(got.Body);
                if (body is null)
                {
                    handBack.Add(got.DeliveryTag);
                    continue;
                }
                // Through the queue's own fanout exchange (its name is the queue's): a service's account
                // may write only to names with its own prefix, not to the default exchange. A copy in a
                // failed-message queue carries no user_id (FailedMessageMove keeps it in a header).
                var properties = new BasicProperties(got.BasicProperties) { UserId = null };
                await channel.BasicPublishAsync(queue, "", mandatory: true, properties, body, ct);
                await channel.BasicAckAsync(got.DeliveryTag, multiple: false, ct);
                rewritten++;
            }
        }
        finally
        {
            foreach (var tag in handBack)
                await channel.BasicNackAsync(tag, multiple: false, requeue: true, CancellationToken.None);
        }
        return rewritten;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
        _one.Dispose();
    }
}
