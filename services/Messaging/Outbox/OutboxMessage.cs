namespace ReferralNet.Messaging.Outbox;

/// <summary>
/// A message written in the same transaction as the state change it announces, sent later by
/// the <see cref="OutboxRelay{TDbContext}"/>.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Order of writing; the relay sends in this order.</summary>
    public long Sequence { get; set; }

    /// <summary>The MassTransit message id, so that receivers can recognise a redelivery.</summary>
    public Guid MessageId { get; set; }

    /// <summary>Full name of the contract type.</summary>
    public string MessageType { get; set; } = "";

    /// <summary>The message as JSON.</summary>
    public string Body { get; set; } = "";

    /// <summary>A queue to send to (<c>queue:name</c>); null to publish to every subscriber.</summary>
    public string? Destination { get; set; }

    /// <summary>W3C traceparent of the request that wrote the row; the relay continues that trace.</summary>
    public string? TraceParent { get; set; }

    /// <summary>W3C tracestate that goes with <see cref="TraceParent"/>.</summary>
    public string? TraceState { get; set; }

    /// <summary>When the row was written.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the broker confirmed it; null until then.</summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>How many times sending failed.</summary>
    public int Attempts { get; set; }
}
