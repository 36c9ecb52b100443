namespace ReferralNet.Bench;

/// <summary>One kind's figures over all rounds: median throughput, latency over every sample, ratio to A.</summary>
sealed record KindSummary(string Kind, double MedianPerSecond, double MinPerSecond, double MaxPerSecond, LatencySummary LatencyMs, double? MedianRatioToA, IReadOnlyDictionary<string, RssSummary> RssMiB);
