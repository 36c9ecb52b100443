namespace ReferralNet.Messaging.Inbox;

/// <summary>
/// Records that a consumer has handled a message, in the same transaction as the consumer's
/// effects, so that a redelivery changes nothing.
/// </summary>
public sealed class InboxMessage
{
    /// <summary>The MassTransit message id.</summary>
    public Guid MessageId { get; set; }

    /// <summary>The consumer that handled it: one message may be handled by several consumers.</summary>
    public string Consumer { get; set; } = "";

    /// <summary>When it was handled.</summary>
    public DateTimeOffset ProcessedAt { get; set; }
}
