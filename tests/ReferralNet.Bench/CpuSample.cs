namespace ReferralNet.Bench;

/// <summary>
/// CPU time so far (in clock ticks, from /proc) of the whole machine and of each process the bench
/// runs. Two samples tell how busy the machine was in between, how much of that was other work
/// (which the figures then also contain), and what each of our processes cost.
/// </summary>
sealed record CpuSample(long MachineBusy, long MachineTotal, IReadOnlyDictionary<string, long> Processes)
{
    // USER_HZ: /proc reports CPU times in hundredths of a second on every Linux.
    const double TicksPerMillisecond = 0.1;

    public static CpuSample Take(IEnumerable<(string Name, int Id)> processes)
    {
        // "cpu  user nice system idle iowait irq softirq steal …": idle and iowait are not busy.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var total = fields.Take(8).Sum();
        var idle = fields[3] + fields[4];
        var ticks = processes.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.Sum(p => ProcessTicks(p.Id)));
        return new CpuSample(total - idle, total, ticks);
    }

    /// <summary>What happened between <paramref name="earlier"/> and this sample.</summary>
    public CpuUsage Since(CpuSample earlier)
    {
        var total = Math.Max(1, MachineTotal - earlier.MachineTotal);
        var ours = Processes.ToDictionary(p => p.Key, p => p.Value - earlier.Processes.GetValueOrDefault(p.Key));
        return new CpuUsage(
            Math.Round(100.0 * (MachineBusy - earlier.MachineBusy) / total, 1),
            Math.Round(100.0 * ours.Values.Sum() / total, 1),
            ours.ToDictionary(p => p.Key, p => p.Value / TicksPerMillisecond));
    }

    /// <summary>utime + stime of one process (all its threads), 0 once it has gone.</summary>
    static long ProcessTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // After "pid (comm) ": state is field 3, utime field 14, stime field 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11]) + long.Parse(fields[12]);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
