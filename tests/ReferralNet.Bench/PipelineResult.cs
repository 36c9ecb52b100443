using System.Globalization;

namespace ReferralNet.Bench;

/// <summary>The figures of one pipeline run, as printed and as written to JSON.</summary>
sealed record PipelineResult(
    string Benchmark,
    DateTimeOffset StartedAt,
    Machine Machine,
    string LoadAverageAtEnd,
    string Method,
    string ServiceSettings,
    int Rounds,
    int MessagesPerRun,
    int InFlight,
    int RawPrefetch,
    int ReferralsPerRun,
    int Senders,
    int BodyBytes,
    double PollsPerReferral,
    IReadOnlyList<LatencySummary> PolledReceiptLatencyMs,
    int StrayMessages,
    IReadOnlyList<KindSummary> Summary,
    IReadOnlyList<ThroughputRun> Runs,
    double MachineCpuBusyPercent,
    IReadOnlyDictionary<string, double> PhaseSeconds) : IBenchResult
{
    public static PipelineResult From(
        DateTimeOffset startedAt, Machine machine, string loadAtEnd, List<ThroughputRun> runs, int rounds, int messages, int inFlight, int rawPrefetch,
        int referrals, int senders, int bodyBytes, double pollsPerReferral, IReadOnlyList<LatencySummary> polled, int strays,
        string serviceSettings, IReadOnlyDictionary<string, double> phases)
    {
        var raw = runs.Where(r => r.Kind.StartsWith('A')).ToDictionary(r => r.Round);
        var summary = runs.GroupBy(r => r.Kind).Select(g =>
        {
            var rates = g.Select(r => r.PerSecond).Order().ToArray();
            double? ratio = g.Key.StartsWith('A') ? null : Median(g.Select(r => r.PerSecond / raw[r.Round].PerSecond));
            return new KindSummary(
                g.Key, Median(rates), rates[0], rates[^1], LatencySummary.Of(g.SelectMany(r => r.Samples).ToList()),
                ratio is null ? null : Math.Round(ratio.Value, 3),
                g.SelectMany(r => r.RssMiB).GroupBy(p => p.Key).ToDictionary(p => p.Key, p => RssSummary.Combine(p.Select(x => x.Value).ToList())));
        }).ToList();
        var method =
            $"{rounds} rounds of A, B, C, D, E one after another on one private RabbitMQ broker, while the four services run. " +
            $"A: RabbitMQ.Client 7 publishes {messages} persistent {bodyBytes}-byte messages (the size of a consented referral's JSON) to a durable classic queue on one channel " +
            $"with publisher confirms, at most {inFlight} awaiting their confirm, and consumes them on a second channel (prefetch {rawPrefetch}) with one manual ack each. " +
            $"B: MassTransit publishes {messages} messages with the same payload through a bus built by the services' own AddReferralNetMessaging " +
            $"(confirms on, the services' prefetch and retry policy), each publish awaited until confirmed, at most {inFlight} at once, to one consumer that only records the time. " +
            "A and B: throughput from the first publish to the last consumption; latency from just before each publish to its consumption. " +
            $"C: consented referrals ({ReferralPipeline.Route}) by POST /api/referrals at the sender, at most {senders} in flight from the start of their POST " +
            "until their receipt is recorded at the sender; one watcher reads the sender's GET /api/referrals/{id} of the oldest referral awaited (every 5 ms until the receipt shows, then the next at once), " +
            $"and each receipt seen lets the next referral start; {referrals} referrals per round. A referral is two broker messages (the referral, its receipt) and five SQLite commits " +
            "(the POST with its outbox row, the relay marking it sent, the recipient's inbox transaction with its outbox row, that relay, the sender's inbox transaction). " +
            "C's latency runs from just before the POST to the sender's own audit entry 'receipt-confirmed' (same machine clock, no polling in it), and its throughput is referrals " +
            "(round trips) per second from the first POST's start to the last such entry, both read from the audit trails after each run (the CPU figures cover the run, not that reading). " +
            "C's ratio to A compares round trips with single messages. " +
            "D: C again, measured the same way, on a second set of the four services (a virtual host of the same broker) with sealing off (ReferralNet:Keys:Plaintext, " +
            "Benchmark environment): the profile travels as plaintext JSON instead of sealed to the recipient (ECDH P-256, HKDF-SHA256, AES-256-GCM); C against D is what sealing costs. " +
            "E: D again on a third set of the services, also with no user_id stamped on what they send and no authenticity check on what they receive " +
            "(ReferralNet:Messaging:Unauthenticated, Benchmark environment); D against E is what authenticity costs. " +
            "Ratios are per round (same round's A), then the median.";
        return new PipelineResult(
            "pipeline", startedAt, machine, loadAtEnd, method, serviceSettings, rounds, messages, inFlight, rawPrefetch, referrals, senders, bodyBytes,
            Math.Round(pollsPerReferral, 2), polled, strays, summary, runs,
            Math.Round(runs.Average(r => r.MachineCpuBusyPercent), 1), phases);
    }

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public void Print(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        BenchReport.PrintTitle(output, "pipeline", StartedAt);
        BenchReport.PrintMachineBriefly(output, Machine, LoadAverageAtEnd, withRabbitMq: true);
        output.WriteLine(
            "         during the runs all cores were on average " + MachineCpuBusyPercent.ToString("0", c) + " % busy; per run: " +
            string.Join(", ", Runs.Select(r => $"{r.Kind[0]}{r.Round} {r.MachineCpuBusyPercent.ToString("0", c)} % ({r.BenchCpuPercent.ToString("0", c)} % ours)")));
        output.WriteLine($"Services: {ServiceSettings}");
        output.WriteLine($"Method: {Method}");
        output.WriteLine();
        output.WriteLine($"{"",-14} {"median/s",10} {"min/s",10} {"max/s",10} {"p50 ms",9} {"p99 ms",9} {"ratio to A",11}");
        foreach (var k in Summary)
            output.WriteLine(
                $"{k.Kind,-14} {k.MedianPerSecond,10:0.0} {k.MinPerSecond,10:0.0} {k.MaxPerSecond,10:0.0} {k.LatencyMs.P50,9:0.00} {k.LatencyMs.P99,9:0.00} " +
                $"{(k.MedianRatioToA is { } r ? r.ToString("0.0%", c) : "—"),11}");
        output.WriteLine(
            $"C: {PollsPerReferral.ToString("0.00", c)} watcher reads per referral; receipt first seen by the watcher p50 " +
            string.Join(" / ", PolledReceiptLatencyMs.Select(p => p.P50.ToString("0.0", c))) + " ms per round. Stray messages in B: " + StrayMessages + ".");
        if (Summary.SingleOrDefault(k => k.Kind.StartsWith('D')) is { } unsealed && Summary.Single(k => k.Kind.StartsWith('C')) is var sealedRuns)
            output.WriteLine(
                $"Sealing (C against D): throughput {(sealedRuns.MedianPerSecond / unsealed.MedianPerSecond - 1).ToString("+0.0%;-0.0%", c)}, " +
                $"p50 {(sealedRuns.LatencyMs.P50 - unsealed.LatencyMs.P50).ToString("+0.00;-0.00", c)} ms, p99 {(sealedRuns.LatencyMs.P99 - unsealed.LatencyMs.P99).ToString("+0.00;-0.00", c)} ms.");
        if (Summary.SingleOrDefault(k => k.Kind.StartsWith('E')) is { } open && Summary.SingleOrDefault(k => k.Kind.StartsWith('D')) is { } authenticated)
            output.WriteLine(
                $"Authenticity (D against E): throughput {(authenticated.MedianPerSecond / open.MedianPerSecond - 1).ToString("+0.0%;-0.0%", c)}, " +
                $"p50 {(authenticated.LatencyMs.P50 - open.LatencyMs.P50).ToString("+0.00;-0.00", c)} ms, p99 {(authenticated.LatencyMs.P99 - open.LatencyMs.P99).ToString("+0.00;-0.00", c)} ms.");
        output.WriteLine();
        output.WriteLine("Resident memory (MiB) during C, steady (median) / peak:");
        var pipeline = Summary.Single(k => k.Kind.StartsWith('C'));
        foreach (var (name, rss) in pipeline.RssMiB)
            output.WriteLine($"  {name,-10} {rss.Median,7:0.0} / {rss.Peak,7:0.0}");
        BenchReport.PrintRunTime(output, PhaseSeconds);
    }

    public void WriteJson(string path) => BenchReport.WriteJson(path, this);
}
