namespace ReferralNet.Bench;

/// <summary>Times one run with the machine's CPU use and the processes' resident memory around it.</summary>
static class Measurement
{
    public static async Task<ThroughputRun> RunAsync(
        string kind, int round, int inFlight, IReadOnlyList<(string Name, int Id)> processes, Func<Task<Timed>> run)
    {
        var rss = RssSampler.Start(processes);
        var before = CpuSample.Take(processes);
        Timed timed;
        IReadOnlyDictionary<string, RssSummary> memory;
        try
        {
            timed = await run();
        }
        finally
        {
            memory = await rss.StopAsync();
        }
        var cpu = CpuSample.Take(processes).Since(before);
        return new ThroughputRun(
            kind, round, timed.Count, inFlight, Math.Round(timed.Seconds, 3), Math.Round(timed.Count / timed.Seconds, 1),
            LatencySummary.Of(timed.LatencyMs), cpu.MachineBusyPercent, cpu.OursPercent,
            cpu.MillisecondsByProcess.ToDictionary(p => p.Key, p => Math.Round(p.Value / timed.Count, 3)), memory)
        {
            Samples = timed.LatencyMs,
        };
    }
}
