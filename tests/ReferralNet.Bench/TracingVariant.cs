namespace ReferralNet.Bench;

/// <summary>One network's measured runs with one sampler.</summary>
sealed record TracingVariant(int Round, string Sampler, ThroughputRun Pipeline, ThroughputRun FindBeds, IReadOnlyDictionary<string, ExportCount> Exported);
