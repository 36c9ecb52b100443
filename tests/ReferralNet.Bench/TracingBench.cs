using System.Diagnostics;
using ReferralNet.Testing;

namespace ReferralNet.Bench;

/// <summary>
/// <c>tracing</c>: what tracing costs. The services export OTLP to a sink in the bench with every
/// trace sampled (OTEL_TRACES_SAMPLER=always_on), then again with tracing off
/// (OTEL_TRACES_SAMPLER=always_off, honoured by the OpenTelemetry SDK); metrics and logs are exported
/// in both, so only tracing differs. Each variant runs on a network of its own: the full referral
/// pipeline (C) and FindBeds at 16 in flight.
/// </summary>
static class TracingBench
{
    static async Task<int> RunAsync(CommandLine options, CancellationToken ct)
    {
        var rounds = options.Int("rounds", 1, 1, 20);
        var referrals = options.Int("referrals", 1000, 1, 1_000_000);
        var senders = options.Int("in-flight-referrals", 16, 1, 1000);
        var seconds = TimeSpan.FromSeconds(options.Int("seconds", 5, 1, 3600));
        var warmUp = options.Int("warmup", 300, 1, 1_000_000);
        var timeout = TimeSpan.FromSeconds(options.Int("timeout", 120, 1, 3600));
        var (repository, output, given) = Mode.Prepare(options);

        var startedAt = DateTimeOffset.UtcNow;
        var machine = Machine.Describe();
        var total = Stopwatch.StartNew();
        var phases = new Dictionary<string, double>();
        var variants = new List<TracingVariant>();
        await using var sink = await OtlpSink.StartAsync(ct);
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var sampler in new[] { "always_on", "always_off" })
            {
                var settings = new Dictionary<string, string>(given)
                {
                    ["OTEL_EXPORTER_OTLP_ENDPOINT"] = sink.Endpoint.ToString().TrimEnd('/'),
                    ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                    ["OTEL_TRACES_SAMPLER"] = sampler,
                    // Spans leave every second at most, as with the SDK's default batch delay of 5 s, but
                    // sooner so that a run's traces are exported within the run.
                    ["OTEL_BSP_SCHEDULE_DELAY"] = "1000",
                };
                Console.WriteLine($"=== round {round}, OTEL_TRACES_SAMPLER={sampler} ===");
                var networkPhases = new Dictionary<string, double>();
                var variant = await BenchNetwork.RunAsync(repository, settings, networkPhases, async network =>
                {
                    var processes = network.Processes();
                    using var pipeline = new ReferralPipeline(network, timeout);
                    await pipeline.PrepareAsync(ct);
                    using var lookups = new GrpcLookups(network["Shelter"].GrpcUrl);
                    await lookups.CheckAsync(ct);
                    await pipeline.RunAsync(warmUp, senders, ct);
                    await lookups.RunAsync(GrpcLookups.FindBeds, 16, TimeSpan.FromSeconds(3), ct);
                    // Let the warm-up's spans leave before counting.
                    await Task.Delay(TimeSpan.FromSeconds(2), ct);
                    var before = sink.Received();
                    var c = await Measurement.RunAsync("C pipeline", round, senders, processes, () => pipeline.RunAsync(referrals, senders, ct));
                    var receipts = await pipeline.ReceiptLatenciesAsync(ct);
                    c = c with
                    {
                        Seconds = Math.Round(pipeline.ExactSeconds, 3),
                        PerSecond = Math.Round(referrals / pipeline.ExactSeconds, 1),
                        LatencyMs = LatencySummary.Of(receipts),
                        Samples = receipts,
                    };
                    Console.WriteLine($"  C pipeline {c.PerSecond,8:0.0} referrals/s  p50 {c.LatencyMs.P50,8:0.00} ms  p99 {c.LatencyMs.P99,8:0.00} ms  (cores {c.MachineCpuBusyPercent:0} % busy, {c.BenchCpuPercent:0} % ours)");
                    var g = await Measurement.RunAsync("FindBeds", round, 16, processes, () => lookups.RunAsync(GrpcLookups.FindBeds, 16, seconds, ct));
                    Console.WriteLine($"  FindBeds   {g.PerSecond,8:0.0} calls/s      p50 {g.LatencyMs.P50,8:0.00} ms  p99 {g.LatencyMs.P99,8:0.00} ms  (cores {g.MachineCpuBusyPercent:0} % busy, {g.BenchCpuPercent:0} % ours)");
                    await Task.Delay(TimeSpan.FromSeconds(2), ct);
                    var after = sink.Received();
                    var exported = after.ToDictionary(p => p.Key, p => new ExportCount(
                        p.Value.Requests - before.GetValueOrDefault(p.Key).Requests, p.Value.Bytes - before.GetValueOrDefault(p.Key).Bytes));
                    return new TracingVariant(round, sampler, c, g, exported);
                }, ct);
                var traced = variant.Exported.GetValueOrDefault("traces")?.Bytes ?? 0;
                if (sampler == "always_on" && traced == 0)
                    throw new BenchException("with OTEL_TRACES_SAMPLER=always_on the sink received no traces: the services did not export, so the comparison would be void");
                if (sampler == "always_off" && traced > 0)
                    throw new BenchException($"with OTEL_TRACES_SAMPLER=always_off the sink still received {traced} bytes of traces: the switch is not honoured");
                variants.Add(variant);
                foreach (var (key, value) in networkPhases)
                    phases[$"{sampler} {key}"] = phases.GetValueOrDefault($"{sampler} {key}") + value;
            }
        }
        phases["total"] = total.Elapsed.TotalSeconds;

        var result = TracingResult.From(startedAt, machine, Machine.LoadAverage(), variants, referrals, senders, seconds.TotalSeconds,
            BenchReport.DescribeSettings(given),
            BenchReport.Rounded(phases));
        return BenchReport.Publish(result, output);
    }

    public static readonly BenchMode Mode = new(
        "tracing",
        "the referral pipeline (C) and FindBeds with every trace sampled and exported over OTLP, against tracing off",
        [
            new("rounds", "N", "pairs of networks, traced then untraced (default 1)"),
            new("referrals", "N", "referrals per C run (default 1000)"),
            new("in-flight-referrals", "N", "C: most referrals awaiting their receipt at once (default 16)"),
            new("seconds", "S", "length of the FindBeds run (default 5)"),
            new("warmup", "N", "referrals sent and discarded first on each network; FindBeds warms up for 3 s (default 300)"),
            new("timeout", "SECONDS", "longest wait for one referral's receipt (default 120)"),
        ],
        "configuration for every service",
        RunAsync);
}
