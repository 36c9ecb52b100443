using Xunit;

namespace ReferralNet.Shelter.Tests.Operations;

/// <summary>
/// Metrics are process-wide (every host in the test process listens to the same meters, and the
/// gauges are keyed by service and shelter): tests that read exact values run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics";
}
