using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReferralNet.Messaging.Data;
using ReferralNet.Messaging.Failpoints;
using ReferralNet.Broker;
using ReferralNet.Messaging;
using ReferralNet.ServiceDefaults.Telemetry;

namespace ReferralNet.Messaging.Outbox;

/// <summary>
/// Sends outbox rows to the broker in the order they were written and marks a row sent only
/// after the broker has confirmed it (MassTransit's RabbitMQ transport awaits publisher confirms).
/// Woken by <see cref="OutboxSignal"/> on every commit; polls as a fallback; keeps retrying with
/// back-off while the broker is unreachable, so nothing written is ever lost.
/// </summary>
public sealed partial class OutboxRelay<TDbContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    OutboxRewrites rewrites,
    IOptions<OutboxOptions> options,
    IOptions<ServiceDefaults.ReferralNetOptions> service,
    ILogger<OutboxRelay<TDbContext>> logger) : BackgroundService
    where TDbContext : ReferralNetDbContext
{
    const string QueuePrefix = "queue:";
    const string ExchangePrefix = "exchange:";

    readonly OutboxOptions _options = options.Value;
    // How long past the send timeout a pass waits for sends that ignore their cancellation.
    static readonly TimeSpan AbandonGrace = TimeSpan.FromSeconds(5);

    DateTimeOffset _nextCleanup = DateTimeOffset.MinValue;
    DateTimeOffset _nextBacklogReading = DateTimeOffset.MinValue;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sent = await SendPendingAsync(stoppingToken);
                failures = 0;
                await ReadBacklogAsync(stoppingToken);
                var caughtUp = sent < _options.BatchSize; // otherwise more may be waiting: do not sleep
                if (caughtUp)
                    await CleanUpAsync(stoppingToken);
                // Counted before the sleep: a row committed once this pass is counted is for the next
                // pass, which only the commit signal or the poll starts.
                OutboxMetrics.RecordPass(ServiceName, failed: false);
                if (caughtUp)
                    await signal.WaitAsync(_options.PollingInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                OutboxMetrics.RecordPass(ServiceName, failed: true);
                try { await ReadBacklogAsync(stoppingToken); }
                catch (Exception) when (!stoppingToken.IsCancellationRequested) { } // the database may be what failed
                var delay = TimeSpan.FromMilliseconds(Math.Min(_options.MaxRetryDelay.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(failures, 10))));
                LogSendFailed(ex.GetType().Name, failures, delay.TotalMilliseconds);
                try { await Task.Delay(delay, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Sends one batch of pending rows; returns how many were confirmed.</summary>
    public async Task<int> SendPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        // Noted before the rows are read, so a rewrite committed after this read is seen.
        var rewritesBefore = rewrites.Current;
        var pending = await db.Outbox
            .Where(m => m.SentAt == null)
            .OrderBy(m => m.Sequence)
            .Take(_options.BatchSize)
            .ToListAsync(cancellationToken);
        if (pending.Count == 0)
            return 0;
        Failpoint.Hit(FailpointNames.OutboxBeforeSend);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.SendTimeout);
        // The token is not enough: a send caught in the transport's recovery (a cluster node gone, a
        // frozen broker) may never look at it, and one such send would stall the relay for good.
        // Rows whose send is abandoned here stay unsent and go again; the inbox absorbs a late copy.
        var results = await Task.WhenAll(pending.Select(row => TrySendAsync(row, rewritesBefore, timeout.Token)))
            .WaitAsync(_options.SendTimeout + AbandonGrace, cancellationToken);
        if (results.Any(r => r))
            Failpoint.Hit(FailpointNames.OutboxAfterSendBeforeMark);

        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < pending.Count; i++)
        {
            if (results[i])
            {
                pending[i].SentAt = now;
                // Point-to-point bodies may hold a survivor's consented data: once the broker has
                // it, keep only the facts. Published events carry nothing personal and stay readable.
                if (pending[i].Destination is not null)
                    pending[i].Body = "";
            }
            else pending[i].Attempts++;
        }
        // Not the request's token: a confirmed send must be recorded even while shutting down.
        await db.SaveChangesAsync(CancellationToken.None);

        var confirmed = results.Count(r => r);
        if (confirmed < pending.Count)
            throw new OutboxSendException(pending.Count - confirmed, pending.Count);
        return confirmed;
    }

    async Task<bool> TrySendAsync(OutboxMessage row, long rewritesBefore, CancellationToken cancellationToken)
    {
        ActivityContext.TryParse(row.TraceParent, row.TraceState, out var parent);
        using var activity = ReferralNetTelemetry.Source.StartActivity("outbox relay", ActivityKind.Internal, parent);
        activity?.SetTag(ReferralNetTelemetry.Tags.MessageType, row.MessageType);
        activity?.SetTag(ReferralNetTelemetry.Tags.MessageId, row.MessageId);
        try
        {
            var type = ContractTypes.Resolve(row.MessageType);
            var message = JsonSerializer.Deserialize(row.Body, type, ReferralNetDbContext.MessageJson)
                ?? throw new InvalidOperationException($"outbox row {row.Sequence} has an empty body");
            if (row.Destination is null)
            {
                await bus.Publish(message, type, Pipe.Execute<PublishContext>(c =>
                {
                    StillAsRead(row, rewritesBefore);
                    c.MessageId = row.MessageId;
                }), cancellationToken);
            }
            else
            {
                // Everything about a referral goes through the exchange named after this service and
                // the receiver, which only this service may write to and the receiver binds to its
                // queue: a sender never needs a permission on the receiver's queue. As mandatory, a
                // message no queue takes (the receiver never started) comes back, the send fails,
                // and the row is tried again rather than dropped.
                var receiver = ReferralDestination(row.Destination);
                var viaExchange = receiver is not null;
                var destination = receiver is not null ? ExchangePrefix + BrokerAccounts.ReferralExchange(ServiceName, receiver) : row.Destination;
                var endpoint = await bus.GetSendEndpoint(new Uri(destination));
                await endpoint.Send(message, type, Pipe.Execute<SendContext>(c =>
                {
                    StillAsRead(row, rewritesBefore);
                    c.MessageId = row.MessageId;
                    if (viaExchange && c.TryGetPayload<RabbitMqSendContext>(out var rabbit))
                        rabbit.Mandatory = true;
                }), cancellationToken);
            }
            return true;
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            LogRowFailed(row.Sequence, row.MessageType, ex.GetType().Name);
            return false;
        }
    }

    // Runs as the transport takes the message, once it has a channel: after any wait for the broker,
    // during which a withdrawal may have rewritten the row this body was read from.
    void StillAsRead(OutboxMessage row, long rewritesBefore)
    {
        if (rewrites.Current != rewritesBefore)
            throw new OutboxRowRewrittenException(row.Sequence);
    }

    // At most once a second: under load the relay passes far more often than anyone reads a gauge.
    async Task ReadBacklogAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        if (now < _nextBacklogReading)
            return;
        _nextBacklogReading = now.AddSeconds(1);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var waiting = db.Outbox.Where(m => m.SentAt == null);
        var rows = await waiting.LongCountAsync(cancellationToken);
        var oldest = rows == 0 ? null : await waiting.OrderBy(m => m.Sequence).Select(m => (DateTimeOffset?)m.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        OutboxMetrics.Record(ServiceName, rows, oldest, now);
    }

    /// <summary>The service whose referral queue <paramref name="destination"/> is (<c>queue:&lt;service&gt;-referrals</c>), or null.</summary>
    static string? ReferralDestination(string destination) =>
        BrokerAccounts.Services.FirstOrDefault(s => destination == QueuePrefix + s + "-referrals");

    string ServiceName => service.Value.ServiceName is { Length: > 0 } name ? name : typeof(TDbContext).Name;

    async Task CleanUpAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        if (now < _nextCleanup)
            return;
        _nextCleanup = now.AddHours(1);
        var cutoff = now - _options.Retention;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await db.Outbox.Where(m => m.SentAt != null && m.SentAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        await db.Inbox.Where(m => m.ProcessedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox send failed ({ErrorType}), attempt {Failures}; retrying in {DelayMs} ms")]
    partial void LogSendFailed(string errorType, int failures, double delayMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox row {Sequence} ({MessageType}) not confirmed: {ErrorType}")]
    partial void LogRowFailed(long sequence, string messageType, string errorType);
}
