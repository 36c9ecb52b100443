using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ReferralNet.Shelter.Tests;

/// <summary>
/// Holds one of the service's database queries, just after it has read, until the test lets it
/// go: lets a test put another request between a change's reads and its save, the window a race
/// needs, every time instead of once in a hundred runs. Queries are picked by their tag, never by
/// the shape of the SQL EF generates. Does nothing unless armed.
/// </summary>
public sealed class QueryPause : DbCommandInterceptor
{
    Gate? _armed;

    /// <summary>
    /// Pauses the next query tagged <paramref name="tag"/> (<c>TagWith</c>, e.g. a constant of
    /// <see cref="ReferralNet.Shelter.Beds.HoldQueryTags"/>), once. Dispose the gate to disarm and release it.
    /// </summary>
    public Gate AfterNext(string tag)
    {
        var gate = new Gate(this, tag);
        if (Interlocked.CompareExchange(ref _armed, gate, null) is not null)
            throw new InvalidOperationException("a pause is already armed");
        return gate;
    }

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (_armed is { } gate && IsTagged(command.CommandText, gate.Tag) && Interlocked.CompareExchange(ref _armed, null, gate) == gate)
            await gate.HoldAsync();
        return result;
    }

    // EF Core writes each tag as a "-- tag" line ahead of the SQL.
    static bool IsTagged(string sql, string tag)
    {
        foreach (var line in sql.AsSpan().EnumerateLines())
        {
            if (!line.StartsWith("-- ", StringComparison.Ordinal))
                return false;
            if (line[3..].SequenceEqual(tag))
                return true;
        }
        return false;
    }

    public sealed class Gate(QueryPause owner, string tag) : IDisposable
    {
        readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
        readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The tag of the query this gate pauses.</summary>
        public string Tag => tag;

        /// <summary>Completes once the tagged query has run and is being held.</summary>
        public Task Paused => _paused.Task;

        /// <summary>Lets the held query's request carry on.</summary>
        public void Release() => _released.TrySetResult();

        /// <summary>Disarms the pause if nothing matched (a failed test must not hold the next one's queries) and releases it.</summary>
        public void Dispose()
        {
            Interlocked.CompareExchange(ref owner._armed, null, this);
            Release();
        }

        internal async Task HoldAsync()
        {
            _paused.TrySetResult();
            try
            {
                await _released.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                // Never hang a test run: a forgotten Release lets go after a while.
            }
        }
    }
}
