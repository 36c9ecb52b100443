using System.Globalization;

namespace ReferralNet.Bench;

/// <summary>The figures of one tracing run, as printed and as written to JSON.</summary>
sealed record TracingResult(
    string Benchmark,
    DateTimeOffset StartedAt,
    Machine Machine,
    string LoadAverageAtEnd,
    string Method,
    string ServiceSettings,
    IReadOnlyList<TracingVariant> Variants,
    IReadOnlyDictionary<string, double> PhaseSeconds) : IBenchResult
{
    public static TracingResult From(
        DateTimeOffset startedAt, Machine machine, string loadAtEnd, List<TracingVariant> variants, int referrals, int senders, double seconds,
        string serviceSettings, IReadOnlyDictionary<string, double> phases)
    {
        var method =
            "Each variant starts its own private broker and four service processes with OTEL_EXPORTER_OTLP_ENDPOINT pointing at an OTLP/HTTP sink in the bench " +
            "(OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf; the sink counts and discards), metrics and logs exported in both variants; traced: OTEL_TRACES_SAMPLER=always_on " +
            "(100 % of traces, spans from ASP.NET Core, HttpClient, gRPC client, MassTransit and the outbox relay); untraced: OTEL_TRACES_SAMPLER=always_off. " +
            $"Measured on each: C, the referral pipeline ({referrals} referrals, at most {senders} in flight, as in the pipeline mode), then FindBeds at 16 in flight for {seconds:0} s. " +
            "Variants run one after the other, so load from other work on the machine can differ between them.";
        return new TracingResult("tracing", startedAt, machine, loadAtEnd, method, serviceSettings, variants, phases);
    }

    public void Print(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        BenchReport.PrintTitle(output, "tracing cost", StartedAt);
        BenchReport.PrintMachineBriefly(output, Machine, LoadAverageAtEnd);
        output.WriteLine($"Services: {ServiceSettings}");
        output.WriteLine($"Method: {Method}");
        output.WriteLine();
        output.WriteLine($"{"round",5} {"sampler",-11} {"C ref/s",8} {"C p50",8} {"C p99",8} {"Find/s",8} {"F p50",7} {"F p99",7} {"cores%",6} {"ours%",6} {"trace KiB",10} {"CPU ms/ref (LegalAid, Medical)",32}");
        foreach (var v in Variants)
        {
            var traces = v.Exported.GetValueOrDefault("traces")?.Bytes ?? 0;
            output.WriteLine(
                $"{v.Round,5} {v.Sampler,-11} {v.Pipeline.PerSecond,8:0.0} {v.Pipeline.LatencyMs.P50,8:0.0} {v.Pipeline.LatencyMs.P99,8:0.0} " +
                $"{v.FindBeds.PerSecond,8:0.0} {v.FindBeds.LatencyMs.P50,7:0.0} {v.FindBeds.LatencyMs.P99,7:0.0} {v.Pipeline.MachineCpuBusyPercent,6:0} {v.Pipeline.BenchCpuPercent,6:0} " +
                $"{traces / 1024.0,10:0} {v.Pipeline.CpuMsPerItem.GetValueOrDefault("LegalAid"),15:0.00} {v.Pipeline.CpuMsPerItem.GetValueOrDefault("Medical"),15:0.00}");
        }
        output.WriteLine();
        output.WriteLine("Resident memory (MiB) during C, steady (median) / peak:");
        foreach (var v in Variants)
            output.WriteLine($"  {v.Sampler,-11} " + string.Join(", ", v.Pipeline.RssMiB.Where(p => BenchNetwork.ServiceNames.Contains(p.Key)).Select(p => $"{p.Key} {p.Value.Median.ToString("0", c)}/{p.Value.Peak.ToString("0", c)}")));
        BenchReport.PrintRunTime(output, PhaseSeconds);
    }

    public void WriteJson(string path) => BenchReport.WriteJson(path, this);
}
