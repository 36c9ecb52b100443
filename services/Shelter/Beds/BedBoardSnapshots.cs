namespace ReferralNet.Shelter.Beds;

/// <summary>
/// Coalesces bed boards' refresh requests: one snapshot (every count announced again) answers
/// every request this process received before the snapshot began reading, however many boards
/// asked at once. A request received while a snapshot is under way or after it gets one of its
/// own, so no board misses what changed. Decided by the order of receipt in this process, not by
/// the requesters' clocks; each replica coalesces what it receives.
/// </summary>
public sealed class BedBoardSnapshots
{
    readonly SemaphoreSlim _one = new(1, 1);
    long _tick;
    long _lastSnapshotStarted = long.MinValue;
    int _requests;
    int _snapshots;

    /// <summary>How long a snapshot waits before it reads, so that requests sent in the same moment (a network starting) share it.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Requests answered so far, by a snapshot of their own or a shared one.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Snapshots published so far.</summary>
    public int Snapshots => Volatile.Read(ref _snapshots);

    /// <summary>Marks the moment a request was received; pass it to <see cref="AnswerAsync"/>.</summary>
    public long Received() => Interlocked.Increment(ref _tick);

    /// <summary>
    /// Runs <paramref name="snapshot"/> (which must commit what it announces) unless a snapshot that
    /// began after <paramref name="received"/> has already committed; returns whether it ran.
    /// </summary>
    public async Task<bool> AnswerAsync(long received, Func<Task> snapshot, CancellationToken ct)
    {
        await _one.WaitAsync(ct);
        try
        {
            if (_lastSnapshotStarted > received)
                return false;
            await Task.Delay(Settle, ct);
            var started = Interlocked.Increment(ref _tick);
            await snapshot();
            _lastSnapshotStarted = started;
            Interlocked.Increment(ref _snapshots);
            return true;
        }
        finally
        {
            Interlocked.Increment(ref _requests);
            _one.Release();
        }
    }
}
