namespace ReferralNet.Messaging.DeadLetters;

/// <summary>
/// Looks at every message as it is moved to a failed-message queue (<c>_error</c>, <c>_skipped</c>)
/// and may rewrite it first: a service registers one to keep out of those queues what it may no
/// longer hold. The move runs it under the <see cref="DeadLetterScrub"/>'s lock, so a message is
/// either moved before a scrub reads the queue or rewritten by what the scrub's caller recorded.
/// </summary>
public interface IDeadLetterRewrite
{
    /// <summary>The message's new body, or null to move it as it is.</summary>
    ValueTask<byte[]?> RewriteAsync(ReadOnlyMemory<byte> body, CancellationToken ct);
}
