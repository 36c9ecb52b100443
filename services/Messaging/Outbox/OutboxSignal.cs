namespace ReferralNet.Messaging.Outbox;

/// <summary>
/// Wakes the outbox relay when a transaction commits, so messages leave at once rather than at
/// the next poll.
/// </summary>
public sealed class OutboxSignal
{
    readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>Tells the relay there may be rows to send.</summary>
    public void Notify()
    {
        // A pending wake-up already covers this commit; one is enough.
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); }
            catch (SemaphoreFullException) { }
        }
    }

    /// <summary>Waits for a commit, or at most <paramref name="fallback"/> (the polling fallback).</summary>
    public Task<bool> WaitAsync(TimeSpan fallback, CancellationToken cancellationToken) =>
        _signal.WaitAsync(fallback, cancellationToken);
}
