namespace ReferralNet.Messaging.Outbox;

/// <summary>Some rows of a relay pass were not confirmed by the broker; they stay pending.</summary>
public sealed class OutboxSendException(int failed, int total)
    : Exception($"{failed} of {total} outbox messages were not confirmed by the broker; they will be sent again");
