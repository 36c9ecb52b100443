namespace ReferralNet.Messaging.Outbox;

/// <summary>An outbox row was rewritten while the relay held its old body: the send is abandoned and the row tried again.</summary>
public sealed class OutboxRowRewrittenException(long sequence)
    : Exception($"outbox row {sequence} was rewritten after the relay read it; it is sent again with its new body");
