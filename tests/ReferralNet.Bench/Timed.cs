namespace ReferralNet.Bench;

/// <summary>What one timed run returns before CPU and memory are added to it.</summary>
sealed record Timed(int Count, double Seconds, double[] LatencyMs);
