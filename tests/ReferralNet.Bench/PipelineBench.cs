using System.Diagnostics;
using ReferralNet.Messaging.Authenticity;
using ReferralNet.Messaging.Sealing;
using ReferralNet.Testing;

namespace ReferralNet.Bench;

/// <summary>
/// <c>pipeline</c>: on one private broker, in rounds of A B C, (A) raw RabbitMQ.Client with confirms
/// and manual acks, (B) MassTransit with the services' own bus settings, (C) the full referral
/// pipeline between two services, each as messages per second and p50/p99 latency, with B and C as
/// ratios to A of the same round; the services' resident memory throughout. (D) is C again on a
/// second set of the services on the same broker with sealing off, and (E) on a third set with sealing
/// and the <c>user_id</c> authenticity both off (the Benchmark environment, the only one besides
/// Development that allows them), so that the cost of each is measured in the same run.
/// </summary>
static class PipelineBench
{
    static async Task<int> RunAsync(CommandLine options, CancellationToken ct)
    {
        var rounds = options.Int("rounds", 3, 1, 100);
        var messages = options.Int("messages", 20_000, 1, 10_000_000);
        var inFlight = options.Int("in-flight", 100, 1, 10_000);
        var rawPrefetch = options.Int("raw-prefetch", 100, 1, ushort.MaxValue);
        var referrals = options.Int("referrals", 1000, 1, 1_000_000);
        var senders = options.Int("in-flight-referrals", 16, 1, 1000);
        var warmUp = options.Int("warmup", 2000, 1, 1_000_000);
        var timeout = TimeSpan.FromSeconds(options.Int("timeout", 120, 1, 3600));
        var (repository, output, settings) = Mode.Prepare(options);

        var bodyBytes = ReferralPipeline.ReferralBodyBytes();
        var payload = new string('x', bodyBytes);
        var startedAt = DateTimeOffset.UtcNow;
        var machine = Machine.Describe();
        var total = Stopwatch.StartNew();
        var phases = new Dictionary<string, double>();
        var runs = new List<ThroughputRun>();
        var pollsPerReferral = new List<double>();
        var polled = new List<LatencySummary>();
        var strays = 0;
        var keepLogs = options.String("keep-logs") is "yes";
        await BenchNetwork.RunAsync(repository, settings, phases, async network =>
        {
            network.KeepFolder = keepLogs;
            var clock = Stopwatch.StartNew();
            await using var raw = await RawRabbitBaseline.StartAsync(network.ConnectionString, (ushort)rawPrefetch, ct);
            await using var bus = await MassTransitBaseline.StartAsync(network.ConnectionString, settings, ct);
            using var pipeline = new ReferralPipeline(network, timeout);
            await pipeline.PrepareAsync(ct);
            var processes = network.Processes();
            var run = 0;
            Console.WriteLine($"Warming up: A and B {warmUp} messages each ({bodyBytes} bytes, the size of a referral), C {Math.Max(1, warmUp / 7)} referrals, {senders} in flight…");
            await raw.RunAsync(run++, warmUp, inFlight, bodyBytes, timeout, ct);
            await bus.RunAsync(run++, warmUp, inFlight, payload, timeout, ct);
            await pipeline.RunAsync(Math.Max(1, warmUp / 7), senders, ct);
            Console.WriteLine("Starting the same services again, unsealed, on a virtual host of the same broker, for D…");
            await using var unsealedNetwork = await VariantAsync("bench-unsealed", new() { ["ReferralNet:Keys:Plaintext"] = "true" });
            using var unsealed = await WarmedPipelineAsync(unsealedNetwork);
            Console.WriteLine("And again, unsealed and with no user_id stamped or checked, for E…");
            await using var openNetwork = await VariantAsync("bench-open", new() { ["ReferralNet:Keys:Plaintext"] = "true", [AuthenticitySwitch.Key] = "true" });
            using var open = await WarmedPipelineAsync(openNetwork);
            var unsealedProcesses = unsealedNetwork.Processes();
            var openProcesses = openNetwork.Processes();
            phases["warm-up"] = clock.Elapsed.TotalSeconds;

            clock.Restart();
            for (var round = 1; round <= rounds; round++)
            {
                var a = await Measurement.RunAsync("A raw", round, inFlight, processes, () => raw.RunAsync(run++, messages, inFlight, bodyBytes, timeout, ct));
                Print(a);
                var b = await Measurement.RunAsync("B masstransit", round, inFlight, processes, () => bus.RunAsync(run++, messages, inFlight, payload, timeout, ct));
                Print(b);
                var c = await ByReceiptsAsync("C pipeline", round, processes, pipeline, polls =>
                {
                    pollsPerReferral.Add(pipeline.PollsPerReferral);
                    polled.Add(polls);
                });
                Print(c);
                var d = await ByReceiptsAsync("D unsealed", round, unsealedProcesses, unsealed, _ => { });
                Print(d);
                var e = await ByReceiptsAsync("E open", round, openProcesses, open, _ => { });
                Print(e);
                runs.AddRange([a, b, c, d, e]);
            }
            strays = bus.Strays;

            // The same services on a virtual host of their own, with the settings that turn a protection
            // off (the Benchmark environment, the only one besides Development that allows them), warmed up.
            async Task<ProcessNetwork> VariantAsync(string name, Dictionary<string, string> off)
            {
                var variant = await ProcessNetwork.StartAsync(new ProcessNetworkOptions
                {
                    Name = name,
                    Checkout = repository,
                    SharedBroker = network.Broker,
                    Settings = new Dictionary<string, string>(settings.Concat(off))
                    {
                        ["ASPNETCORE_ENVIRONMENT"] = SealingOptions.BenchmarkEnvironment,
                        ["DOTNET_ENVIRONMENT"] = SealingOptions.BenchmarkEnvironment,
                    },
                    Log = line => Console.WriteLine("  " + line),
                }, ct);
                variant.KeepFolder = keepLogs;
                return variant;
            }

            async Task<ReferralPipeline> WarmedPipelineAsync(ProcessNetwork variant)
            {
                var trip = new ReferralPipeline(variant, timeout);
                await trip.PrepareAsync(ct);
                await trip.RunAsync(Math.Max(1, warmUp / 7), senders, ct);
                return trip;
            }

            // A pipeline run timed by its referrals' own receipts, not by the watcher that polled for
            // them (whose latencies are kept aside, for the understatement they show).
            async Task<ThroughputRun> ByReceiptsAsync(string kind, int round, IReadOnlyList<(string Name, int Id)> measured, ReferralPipeline trip, Action<LatencySummary> watched)
            {
                var result = await Measurement.RunAsync(kind, round, senders, measured, () => trip.RunAsync(referrals, senders, ct));
                watched(result.LatencyMs);
                var receipts = await trip.ReceiptLatenciesAsync(ct);
                return result with
                {
                    Seconds = Math.Round(trip.ExactSeconds, 3),
                    PerSecond = Math.Round(referrals / trip.ExactSeconds, 1),
                    LatencyMs = LatencySummary.Of(receipts),
                    Samples = receipts,
                };
            }
            phases["rounds"] = clock.Elapsed.TotalSeconds;
            return 0;
        }, ct);
        phases["total"] = total.Elapsed.TotalSeconds;

        var result = PipelineResult.From(
            startedAt, machine, Machine.LoadAverage(), runs, rounds, messages, inFlight, rawPrefetch, referrals, senders, bodyBytes,
            pollsPerReferral.Average(), polled, strays,
            BenchReport.DescribeSettings(settings),
            BenchReport.Rounded(phases));
        return BenchReport.Publish(result, output);
    }

    static void Print(ThroughputRun run) =>
        Console.WriteLine(
            $"  round {run.Round} {run.Kind,-14} {run.Count,7} in {run.Seconds,7:0.00} s = {run.PerSecond,9:0.0}/s  " +
            $"p50 {run.LatencyMs.P50,8:0.00} ms  p99 {run.LatencyMs.P99,8:0.00} ms  (cores {run.MachineCpuBusyPercent:0} % busy, {run.BenchCpuPercent:0} % ours)\n" +
            "      CPU ms each: " + string.Join(", ", run.CpuMsPerItem.Where(p => p.Value > 0).Select(p => $"{p.Key} {p.Value:0.000}")));

    public static readonly BenchMode Mode = new(
        "pipeline",
        "raw RabbitMQ.Client (A) vs MassTransit with production settings (B) vs the full referral pipeline, sealed (C), unsealed (D) and unsealed without authenticity (E), interleaved in rounds on one broker",
        [
            new("rounds", "N", "rounds of A B C D E (default 3)"),
            new("messages", "N", "messages per A and per B run (default 20000)"),
            new("in-flight", "N", "A and B: most publishes awaiting their confirm at once (default 100)"),
            new("raw-prefetch", "N", "A: the consumer channel's prefetch (default 100)"),
            new("referrals", "N", "referrals per C run (default 1000)"),
            new("in-flight-referrals", "N", "C: most referrals between the start of their POST and their receipt at the sender (default 16)"),
            new("warmup", "N", "messages per A and B, and referrals for C, sent and discarded first (default 2000 / 300)"),
            new("timeout", "SECONDS", "longest wait for one run to be consumed, or one referral's receipt (default 120)"),
            new("keep-logs", "yes|no", "keep the services' logs and databases after the run (default no)"),
        ],
        "configuration for every service and for B's bus, e.g. ReferralNet:Messaging:PrefetchCount=64",
        RunAsync);
}
