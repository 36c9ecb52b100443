using System.Globalization;

namespace ReferralNet.Bench;

/// <summary>The figures of one grpc run, as printed and as written to JSON.</summary>
sealed record GrpcLookupResult(
    string Benchmark,
    DateTimeOffset StartedAt,
    Machine Machine,
    string LoadAverageAtEnd,
    string Method,
    string ServiceSettings,
    IReadOnlyList<GrpcSummary> Summary,
    IReadOnlyList<ThroughputRun> Runs,
    double MachineCpuBusyPercent,
    IReadOnlyDictionary<string, double> PhaseSeconds) : IBenchResult
{
    public static GrpcLookupResult From(
        DateTimeOffset startedAt, Machine machine, string loadAtEnd, List<ThroughputRun> runs, int rounds, double seconds, int shelters,
        string serviceSettings, IReadOnlyDictionary<string, double> phases)
    {
        var summary = runs.GroupBy(r => (r.Kind, r.InFlight)).Select(g =>
        {
            var rates = g.Select(r => r.PerSecond).Order().ToArray();
            return new GrpcSummary(g.Key.Kind, g.Key.InFlight, rates[rates.Length / 2], rates[0], rates[^1], LatencySummary.Of(g.SelectMany(r => r.Samples).ToList()));
        }).ToList();
        var method =
            $"{rounds} rounds of six {seconds:0} s runs (FindBeds with a key, FindBeds with a token and Health/Check at 1, then all three at 16 in flight) against the Shelter process's gRPC (h2c) endpoint, " +
            "over one HTTP/2 connection, as a legal-aid organisation: its development API key, or a client-credentials access token (RS256 JWT, checked for issuer, audience, lifetime, signature and type; " +
            $"minted by a stand-in authority, checked as the identity service's are). FindBeds has no filters and answers {shelters} seeded shelters with their free beds " +
            "(two SQLite reads, authentication, the protobuf reply); Health/Check (grpc.health.v1, mapped on every service) answers from memory and is the empty handler: " +
            "the same server, HTTP/2, authentication middleware and gRPC framing, without the lookup. Each caller starts its next call when the last one answered; " +
            "calls/s over the run, latency per call; the summary gives the median run and latency over all rounds.";
        return new GrpcLookupResult("grpc", startedAt, machine, loadAtEnd, method, serviceSettings, summary, runs,
            Math.Round(runs.Average(r => r.MachineCpuBusyPercent), 1), phases);
    }

    public void Print(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        BenchReport.PrintTitle(output, "gRPC lookup", StartedAt);
        BenchReport.PrintMachineBriefly(output, Machine, LoadAverageAtEnd);
        output.WriteLine(
            "         all cores on average " + MachineCpuBusyPercent.ToString("0", c) + " % busy; per run (ours): " +
            string.Join(", ", Runs.Select(r => $"{r.MachineCpuBusyPercent.ToString("0", c)} ({r.BenchCpuPercent.ToString("0", c)})")));
        output.WriteLine($"Services: {ServiceSettings}");
        output.WriteLine($"Method: {Method}");
        output.WriteLine();
        output.WriteLine($"{"call",-14} {"in flight",9} {"calls/s",10} {"min",10} {"max",10} {"p50 ms",8} {"p99 ms",8}");
        foreach (var s in Summary.OrderBy(s => s.InFlight).ThenBy(s => s.Call))
            output.WriteLine($"{s.Call,-14} {s.InFlight,9} {s.MedianCallsPerSecond,10:0.0} {s.MinCallsPerSecond,10:0.0} {s.MaxCallsPerSecond,10:0.0} {s.LatencyMs.P50,8:0.000} {s.LatencyMs.P99,8:0.000}");
        foreach (var inFlight in Summary.Select(s => s.InFlight).Distinct())
        {
            var find = Summary.Single(s => s.InFlight == inFlight && s.Call == GrpcLookups.FindBeds);
            var token = Summary.Single(s => s.InFlight == inFlight && s.Call == GrpcLookups.FindBedsWithToken);
            var empty = Summary.Single(s => s.InFlight == inFlight && s.Call == GrpcLookups.HealthCheck);
            output.WriteLine(
                $"At {inFlight} in flight FindBeds runs at {(find.MedianCallsPerSecond / empty.MedianCallsPerSecond).ToString("0%", c)} of the empty handler's rate; " +
                $"the lookup adds {(find.LatencyMs.P50 - empty.LatencyMs.P50).ToString("0.000", c)} ms at p50. " +
                $"With a token instead of a key it runs at {(token.MedianCallsPerSecond / find.MedianCallsPerSecond).ToString("0%", c)} of the key's rate; " +
                $"the token check adds {(token.LatencyMs.P50 - find.LatencyMs.P50).ToString("0.000", c)} ms at p50.");
        }
        BenchReport.PrintRunTime(output, PhaseSeconds);
    }

    public void WriteJson(string path) => BenchReport.WriteJson(path, this);
}
