namespace ReferralNet.Bench;

/// <summary>Resident memory (VmRSS) of one process over a stretch of time, in MiB: at the start, the median ("steady") and the peak.</summary>
sealed record RssSummary(double Start, double Median, double Peak, int Samples)
{
    public static RssSummary Of(IReadOnlyList<double> mib)
    {
        var sorted = mib.Order().ToArray();
        return new RssSummary(Math.Round(mib[0], 1), Math.Round(sorted[sorted.Length / 2], 1), Math.Round(sorted[^1], 1), sorted.Length);
    }

    /// <summary>Over several stretches: the first start, the median of medians, the highest peak.</summary>
    public static RssSummary Combine(IReadOnlyList<RssSummary> parts)
    {
        var medians = parts.Select(p => p.Median).Order().ToArray();
        return new RssSummary(parts[0].Start, medians[medians.Length / 2], parts.Max(p => p.Peak), parts.Sum(p => p.Samples));
    }
}
