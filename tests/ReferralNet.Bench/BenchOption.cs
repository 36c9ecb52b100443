namespace ReferralNet.Bench;

/// <summary>An option a mode accepts, as shown by <c>--help</c>.</summary>
sealed record BenchOption(string Name, string Value, string Description);
