using Microsoft.EntityFrameworkCore;

namespace ReferralNet.Messaging.Data;

/// <summary>
/// Runs a change again from what a racing change committed: rows guarded by a version (or a
/// unique key two racers both insert) make the loser's save fail, and the retry reads the new state.
/// </summary>
public static class ConflictRetry
{
    /// <summary>A duplicate key is a race only a few times over; after that it is a real fault.</summary>
    const int MaxDuplicateRetries = 3;

    /// <summary>
    /// Runs <paramref name="change"/> until it saves without a conflict, starting each attempt from
    /// an empty change tracker; after <paramref name="maxConflicts"/> version conflicts the last
    /// one is thrown (with the tracker cleared), for the caller to answer.
    /// </summary>
    public static async Task<T> RunAsync<T>(DbContext db, int maxConflicts, Func<Task<T>> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await change();
            }
            catch (DbUpdateException ex)
            {
                db.ChangeTracker.Clear();
                if (attempt >= (ex is DbUpdateConcurrencyException ? maxConflicts : MaxDuplicateRetries))
                    throw;
                await Task.Delay(Random.Shared.Next(1, 5 + attempt), ct);
            }
        }
    }
}
