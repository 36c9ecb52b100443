using MassTransit;
using MassTransit.RabbitMqTransport;
using RabbitMQ.Client;
using ReferralNet.Messaging.DeadLetters;

namespace ReferralNet.Messaging.Authenticity;

/// <summary>
/// Moves a message that failed (to <c>&lt;queue&gt;_error</c>, with MassTransit's fault headers) or
/// that no consumer took (to <c>&lt;queue&gt;_skipped</c>) as MassTransit would, but without its
/// <c>user_id</c>: the broker refuses a publish whose <c>user_id</c> is another user than the
/// moving service's, and MassTransit's own move copies it. The publisher's user is kept in
/// <see cref="BrokerUser.OriginalUserHeader"/> for the operator's replay. A service's
/// <see cref="IDeadLetterRewrite"/> sees each message first, while no <see cref="DeadLetterScrub"/> runs.
/// </summary>
sealed class FailedMessageMove(bool quorumQueues, DeadLetterScrub scrub, IDeadLetterRewrite? rewrite) : IFilter<ExceptionReceiveContext>, IFilter<ReceiveContext>
{
    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        await MoveAsync(context, "_error", headers => headers.SetExceptionHeaders(context));
        // What MassTransit's GenerateFaultFilter does (it leads the error pipe this filter replaces)
        // without publishing a Fault event: a message that could not even be deserialised is marked
        // faulted here, or the receive transport also dead-letters it to _skipped.
        if (!context.IsFaulted)
            await context.NotifyFaulted(context.Exception);
        await next.Send(context);
    }

    public async Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
    {
        await MoveAsync(context, "_skipped", headers => headers.Set("MT-Reason", "skip"));
        await next.Send(context);
    }

    async Task MoveAsync(ReceiveContext context, string suffix, Action<SendHeaders> describe)
    {
        var channelContext = context.GetPayload<ChannelContext>();
        var queue = context.InputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Last();
        var destination = queue + suffix;

        var properties = context.TryGetPayload<RabbitMqBasicConsumeContext>(out var received)
            ? new BasicProperties(received.Properties)
            : new BasicProperties();
        var headers = properties.Headers is null
            ? new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, object?>(properties.Headers, StringComparer.OrdinalIgnoreCase);
        if (properties.UserId is { Length: > 0 } user)
            headers[BrokerUser.OriginalUserHeader] = user;
        properties.UserId = null;
        properties.Headers = headers;
        properties.Persistent = true;
        var sendHeaders = new MoveHeaders(headers);
        sendHeaders.SetHostHeaders();
        describe(sendHeaders);

        // The same shape MassTransit gives these queues: a durable fanout exchange bound to a durable queue.
        var channel = channelContext.Channel;
        await channel.ExchangeDeclareAsync(destination, ExchangeType.Fanout, durable: true, autoDelete: false);
        await channel.QueueDeclareAsync(destination, durable: true, exclusive: false, autoDelete: false,
            arguments: quorumQueues ? new Dictionary<string, object?> { ["x-queue-type"] = "quorum" } : null);
        await channel.QueueBindAsync(destination, destination, "");
        await scrub.WhileNoScrubAsync(async () =>
        {
            var body = context.GetBody();
            if (rewrite is not null && await rewrite.RewriteAsync(body, context.CancellationToken) is { } rewritten)
                body = rewritten;
            await channelContext.BasicPublishAsync(destination, "", true, properties, body, true, context.CancellationToken);
        }, context.CancellationToken);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("failed-message-move");
}
