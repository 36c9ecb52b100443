namespace ReferralNet.Bench;

/// <summary>
/// One timed run of one kind (raw, masstransit, pipeline, a gRPC call): how many, how fast, how
/// long each took, how busy the machine was, and the services' resident memory meanwhile.
/// </summary>
sealed record ThroughputRun(
    string Kind,
    int Round,
    int Count,
    int InFlight,
    double Seconds,
    double PerSecond,
    LatencySummary LatencyMs,
    double MachineCpuBusyPercent,
    double BenchCpuPercent,
    IReadOnlyDictionary<string, double> CpuMsPerItem,
    IReadOnlyDictionary<string, RssSummary> RssMiB)
{
    /// <summary>The latencies themselves, for summaries over several rounds; not written to JSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<double> Samples { get; init; } = [];
}
