using System.Diagnostics;

namespace ReferralNet.Bench;

/// <summary>
/// What the consumers of one timed run (raw or MassTransit) received: each message's latency from
/// the publisher's timestamp to its consumption, and when the last one arrived. Messages of an
/// earlier run are counted apart and not timed.
/// </summary>
public sealed class Deliveries
{
    readonly Lock _gate = new();
    int _run = -1;
    double[] _latencyMs = [];
    int _received;
    long _lastAt;
    int _strays;
    TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts counting the <paramref name="count"/> messages of run <paramref name="run"/>.</summary>
    public void Begin(int run, int count)
    {
        lock (_gate)
        {
            _run = run;
            _latencyMs = new double[count];
            _received = 0;
            _lastAt = 0;
            _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>One message consumed; <paramref name="sentAt"/> is the publisher's <see cref="Stopwatch"/> timestamp.</summary>
    public void Record(int run, long sentAt)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (run != _run || _received >= _latencyMs.Length)
            {
                _strays++;
                return;
            }
            _latencyMs[_received++] = Stopwatch.GetElapsedTime(sentAt, now).TotalMilliseconds;
            if (_received == _latencyMs.Length)
            {
                _lastAt = now;
                _done.TrySetResult();
            }
        }
    }

    /// <summary>Completes when every message of the current run has been consumed.</summary>
    public Task AllReceived
    {
        get { lock (_gate) return _done.Task; }
    }

    /// <summary>When the last message of the run was consumed (a <see cref="Stopwatch"/> timestamp).</summary>
    public long LastAt
    {
        get { lock (_gate) return _lastAt; }
    }

    public double[] LatencyMs
    {
        get { lock (_gate) return _latencyMs[.._received]; }
    }

    public int Received
    {
        get { lock (_gate) return _received; }
    }

    /// <summary>Messages that belonged to no current run (a redelivery, or an earlier run's straggler).</summary>
    public int Strays
    {
        get { lock (_gate) return _strays; }
    }
}
