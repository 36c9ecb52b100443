namespace ReferralNet.Bench;

/// <summary>
/// CPU use over a stretch of time: the machine's busy share of all cores, the share our processes
/// took, and each of our processes' CPU time in milliseconds.
/// </summary>
sealed record CpuUsage(double MachineBusyPercent, double OursPercent, IReadOnlyDictionary<string, double> MillisecondsByProcess)
{
    public IReadOnlyDictionary<string, double> PerChange(int changes) =>
        MillisecondsByProcess.ToDictionary(p => p.Key, p => Math.Round(p.Value / changes, 2));
}
