using System.Collections.Concurrent;
using System.Diagnostics;

namespace ReferralNet.Faults;

/// <summary>
/// Sends referrals with unique ids (the sender's service assigns them) from one desk to one
/// recipient, several in flight at once, until <c>count</c> were accepted with a 201. A POST the
/// service did not answer (it was killed, its connection dropped) is in doubt: it may or may not
/// have been committed; the sender's own list after the run says which.
/// </summary>
sealed class ReferralLoad
{
    const int MaxErrorsKept = 5;

    readonly ConcurrentQueue<string> _accepted = new();
    readonly ConcurrentQueue<string> _errors = new();
    int _inDoubt;
    int _refused;

    ReferralLoad(int target) => Target = target;

    public int Target { get; }

    /// <summary>Ids of the referrals the API accepted (201), in order.</summary>
    public IReadOnlyCollection<string> Accepted => _accepted;

    public int InDoubt => _inDoubt;

    /// <summary>POSTs answered with an error status (the API did not keep accepting).</summary>
    public int Refused => _refused;

    /// <summary>The first few errors, to explain refusals.</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    public Task Completion { get; private set; } = Task.CompletedTask;

    public TimeSpan Duration { get; private set; }

    /// <summary>
    /// Starts sending; <see cref="Completion"/> ends once <paramref name="count"/> were accepted and
    /// <paramref name="keepGoing"/> (if given) says stop. Past the count, one referral at a time goes
    /// every 50 ms: enough to show the API still accepts during a fault, not a growing flood.
    /// </summary>
    public static ReferralLoad Start(Desk sender, string survivorId, string toOrganisationId, string service, int count, int concurrency, CancellationToken ct, Func<bool>? keepGoing = null)
    {
        var load = new ReferralLoad(count);
        var clock = Stopwatch.StartNew();
        var claimed = 0;
        // A worker claims a referral before sending it and gives the claim back when the POST
        // fails, so the load ends at exactly `count` accepted; the worker holding it sends again.
        bool TryClaim()
        {
            while (true)
            {
                var now = Volatile.Read(ref claimed);
                if (now >= count)
                    return false;
                if (Interlocked.CompareExchange(ref claimed, now + 1, now) == now)
                    return true;
            }
        }
        async Task WorkerAsync()
        {
            while (TryClaim())
            {
                if (!await SendOneAsync())
                {
                    Interlocked.Decrement(ref claimed);
                    await Task.Delay(200, ct); // the service is down, restarting, or refusing
                }
            }
        }
        async Task TrickleAsync()
        {
            while (keepGoing?.Invoke() == true)
            {
                await SendOneAsync();
                await Task.Delay(50, ct);
            }
        }
        async Task<bool> SendOneAsync()
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                load._accepted.Enqueue(await sender.ReferAsync(survivorId, toOrganisationId, service, ct));
                return true;
            }
            catch (FaultRefusedException e)
            {
                Interlocked.Increment(ref load._refused);
                load.Keep(e.Message);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref load._inDoubt);
            }
            return false;
        }
        load.Completion = RunAllAsync();
        return load;

        async Task RunAllAsync()
        {
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync, ct)));
            await TrickleAsync();
            load.Duration = clock.Elapsed;
        }
    }

    /// <summary>Returns once at least <paramref name="accepted"/> referrals were accepted (or the load ended).</summary>
    public async Task WhenAcceptedAsync(int accepted, CancellationToken ct)
    {
        while (_accepted.Count < accepted && !Completion.IsCompleted)
            await Task.Delay(20, ct);
    }

    void Keep(string error)
    {
        if (_errors.Count < MaxErrorsKept)
            _errors.Enqueue(error);
    }
}
