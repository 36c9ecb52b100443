namespace ReferralNet.Bench;

/// <summary>One call at one concurrency over all rounds.</summary>
sealed record GrpcSummary(string Call, int InFlight, double MedianCallsPerSecond, double MinCallsPerSecond, double MaxCallsPerSecond, LatencySummary LatencyMs);
