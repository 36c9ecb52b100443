using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReferralNet.Bench;

/// <summary>The parts every mode's report shares: the machine lines, the latency table, run time, JSON.</summary>
static class BenchReport
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Read by people and scripts, never embedded in HTML: keep quotes and '+' as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>What the figures were measured on and how busy the machine was meanwhile.</summary>
    public static void PrintMachine(TextWriter output, Machine machine, string loadAverageAtEnd, double machineBusyPercent, double benchPercent, IReadOnlyDictionary<string, double> cpuMsPerUnit, string unit)
    {
        output.WriteLine($"Machine: {machine.Cores} cores (nproc {machine.Nproc}), {machine.Cpu}, {machine.Memory}");
        output.WriteLine($"         {machine.Os}, kernel {machine.Kernel}, {machine.Dotnet}, RabbitMQ {machine.RabbitMq}");
        output.WriteLine($"         load average {machine.LoadAverageAtStart} at start, {loadAverageAtEnd} at end (1/5/15 min)");
        output.WriteLine(
            $"         during the measurement all cores were {machineBusyPercent.ToString("0", C)} % busy, {benchPercent.ToString("0", C)} % of it " +
            $"the bench, its services and its broker; the rest is other work on the machine, and inflates the figures");
        output.WriteLine($"         CPU time per {unit}: " + string.Join(", ", cpuMsPerUnit.Select(p => $"{p.Key} {p.Value.ToString("0.0", C)} ms")));
    }

    /// <summary>p50/p90/p99/max/mean in milliseconds, one row per entry, labelled by its key.</summary>
    public static void PrintLatencyTable(TextWriter output, IReadOnlyDictionary<string, LatencySummary> latencyMs, IReadOnlyDictionary<string, string> labels)
    {
        var width = Math.Max(24, labels.Values.Max(l => l.Length));
        output.WriteLine($"{"latency (ms)".PadRight(width)} {"p50",8} {"p90",8} {"p99",8} {"max",8} {"mean",8}");
        foreach (var (key, s) in latencyMs)
            output.WriteLine($"{labels[key].PadRight(width)} {F(s.P50),8} {F(s.P90),8} {F(s.P99),8} {F(s.Max),8} {F(s.Mean),8}");
    }

    public static void PrintRunTime(TextWriter output, IReadOnlyDictionary<string, double> phaseSeconds) =>
        output.WriteLine("Run time: " + string.Join(", ", phaseSeconds.Select(p => $"{p.Key} {p.Value.ToString("0.0", C)} s")));

    public static void WriteJson<T>(string path, T result)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(result, Json) + "\n");
    }

    static string F(double value) => value.ToString("0.00", C);
}
