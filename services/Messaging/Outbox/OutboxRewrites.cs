namespace ReferralNet.Messaging.Outbox;

/// <summary>
/// Counts rewrites of unsent outbox rows (a withdrawal taking the profile out of a referral not yet
/// sent). The relay notes the count before it reads a batch and checks it again as the transport
/// takes each message, which is after any wait for the broker: a row rewritten in between is not
/// sent with its old body but tried again, with the new one, in the next pass.
/// </summary>
public sealed class OutboxRewrites
{
    long _count;

    /// <summary>The number of rewrites so far.</summary>
    public long Current => Interlocked.Read(ref _count);

    /// <summary>
    /// Call before saving a rewrite of unsent rows (not after the commit: a relay that read the old
    /// body must see it by the time the new body is committed).
    /// </summary>
    public void Rewriting() => Interlocked.Increment(ref _count);
}
