namespace ReferralNet.Bench;

/// <summary>Percentiles (nearest rank) and mean of one set of latencies, in milliseconds.</summary>
sealed record LatencySummary(int Count, double Min, double P50, double P90, double P99, double Max, double Mean)
{
    public static LatencySummary Of(IReadOnlyCollection<double> milliseconds)
    {
        if (milliseconds.Count == 0)
            throw new ArgumentException("no samples to summarise", nameof(milliseconds));
        var sorted = milliseconds.Order().ToArray();
        return new LatencySummary(
            sorted.Length,
            Round(sorted[0]),
            Round(Percentile(sorted, 50)),
            Round(Percentile(sorted, 90)),
            Round(Percentile(sorted, 99)),
            Round(sorted[^1]),
            Round(sorted.Average()));
    }

    static double Percentile(double[] sorted, double percent) =>
        sorted[Math.Max(0, (int)Math.Ceiling(percent / 100 * sorted.Length) - 1)];

    static double Round(double value) => Math.Round(value, 2);
}
