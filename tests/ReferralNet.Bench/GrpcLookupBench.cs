using System.Diagnostics;
using ReferralNet.Testing;

namespace ReferralNet.Bench;

/// <summary>
/// <c>grpc</c>: Shelter's FindBeds against an empty handler on the same server, the standard gRPC
/// health Check every service maps (it answers from memory and touches no database), each at 1
/// and at 16 calls in flight, interleaved in rounds, over one h2c connection. FindBeds runs twice:
/// signed in with a development key and with an access token, so the token check's cost shows in
/// the same run.
/// </summary>
static class GrpcLookupBench
{
    // A partner that looks beds up: a legal-aid caseworker, as in a bed referral.
    public const string ApiKey = "dev-justice-bridge-51f0a2";

    static readonly int[] InFlight = [1, 16];

    static async Task<int> RunAsync(CommandLine options, CancellationToken ct)
    {
        var rounds = options.Int("rounds", 3, 1, 100);
        var seconds = TimeSpan.FromSeconds(options.Int("seconds", 5, 1, 3600));
        var warmUp = TimeSpan.FromSeconds(options.Int("warmup", 5, 0, 3600));
        var (repository, output, given) = Mode.Prepare(options);
        // A stand-in authority (RS256, a 2048-bit key, discovery and JWKS over loopback HTTP) mints the
        // tokens: a service checks them exactly as it checks the identity service's.
        await using var authority = new TestAuthority();
        var settings = new Dictionary<string, string>(given) { ["ReferralNet:Identity:Authority"] = authority.Issuer };

        var startedAt = DateTimeOffset.UtcNow;
        var machine = Machine.Describe();
        var total = Stopwatch.StartNew();
        var phases = new Dictionary<string, double>();
        var runs = new List<ThroughputRun>();
        var shelters = 0;
        await BenchNetwork.RunAsync(repository, settings, phases, async network =>
        {
            using var lookups = new GrpcLookups(network["Shelter"].GrpcUrl, () => authority.ClientToken("shelter", "justice-bridge", "legal-aid"));
            shelters = await lookups.CheckAsync(ct);
            var processes = network.Processes();
            var clock = Stopwatch.StartNew();
            Console.WriteLine($"Warming up: {warmUp.TotalSeconds:0} s of each call at 16 in flight (FindBeds answers {shelters} shelters)…");
            foreach (var call in GrpcLookups.Calls)
                await lookups.RunAsync(call, 16, warmUp, ct);
            phases["warm-up"] = clock.Elapsed.TotalSeconds;
            clock.Restart();
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var inFlight in InFlight)
                {
                    foreach (var call in GrpcLookups.Calls)
                    {
                        var run = await Measurement.RunAsync(call, round, inFlight, processes, () => lookups.RunAsync(call, inFlight, seconds, ct));
                        runs.Add(run);
                        Console.WriteLine(
                            $"  round {round} {call,-13} {inFlight,2} in flight: {run.PerSecond,9:0.0} calls/s  p50 {run.LatencyMs.P50,7:0.000} ms  p99 {run.LatencyMs.P99,7:0.000} ms  " +
                            $"(cores {run.MachineCpuBusyPercent:0} % busy, {run.BenchCpuPercent:0} % ours)");
                    }
                }
            }
            phases["rounds"] = clock.Elapsed.TotalSeconds;
            return 0;
        }, ct);
        phases["total"] = total.Elapsed.TotalSeconds;

        var result = GrpcLookupResult.From(startedAt, machine, Machine.LoadAverage(), runs, rounds, seconds.TotalSeconds, shelters,
            BenchReport.DescribeSettings(settings),
            BenchReport.Rounded(phases));
        return BenchReport.Publish(result, output);
    }

    public static readonly BenchMode Mode = new(
        "grpc",
        "Shelter's FindBeds lookup against the gRPC health Check (an empty handler) on the same server, at 1 and 16 calls in flight",
        [
            new("rounds", "N", "rounds of the four runs (default 3)"),
            new("seconds", "S", "length of each run (default 5)"),
            new("warmup", "S", "seconds of each call made and discarded first (default 5)"),
        ],
        "configuration for every service",
        RunAsync);
}
