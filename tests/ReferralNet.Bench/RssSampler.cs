namespace ReferralNet.Bench;

/// <summary>
/// Reads VmRSS from /proc/&lt;pid&gt;/status of each given process every <c>interval</c> until
/// stopped: what the services hold in memory under load.
/// </summary>
sealed class RssSampler
{
    readonly IReadOnlyList<(string Name, int Id)> _processes;
    readonly Dictionary<string, List<double>> _samples = [];
    readonly CancellationTokenSource _stop = new();
    readonly Task _loop;

    RssSampler(IReadOnlyList<(string Name, int Id)> processes, TimeSpan interval)
    {
        _processes = processes;
        Sample();
        _loop = LoopAsync(interval);
    }

    public static RssSampler Start(IReadOnlyList<(string Name, int Id)> processes) => new(processes, TimeSpan.FromMilliseconds(250));

    async Task LoopAsync(TimeSpan interval)
    {
        try
        {
            while (true)
            {
                await Task.Delay(interval, _stop.Token);
                Sample();
            }
        }
        catch (OperationCanceledException) { }
    }

    void Sample()
    {
        foreach (var group in _processes.GroupBy(p => p.Name))
        {
            var kib = group.Sum(p => ResidentKib(p.Id));
            if (kib <= 0)
                continue;
            lock (_samples)
            {
                if (!_samples.TryGetValue(group.Key, out var list))
                    _samples[group.Key] = list = [];
                list.Add(kib / 1024.0);
            }
        }
    }

    /// <summary>Takes a last sample, stops, and summarises each process (by name; the broker's processes summed).</summary>
    public async Task<IReadOnlyDictionary<string, RssSummary>> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        Sample();
        lock (_samples)
            return _samples.ToDictionary(p => p.Key, p => RssSummary.Of(p.Value));
    }

    static long ResidentKib(int pid)
    {
        try
        {
            // "VmRSS:	  123456 kB"
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
