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

    /// <summary>The blank line and the title every report starts with.</summary>
    public static void PrintTitle(TextWriter output, string benchmark, DateTimeOffset startedAt)
    {
        output.WriteLine();
        output.WriteLine($"ReferralNet {benchmark} benchmark, {startedAt:yyyy-MM-dd HH:mm} UTC");
    }

    /// <summary>The machine in two lines, for the reports that give the CPU use of each run on a line of their own.</summary>
    public static void PrintMachineBriefly(TextWriter output, Machine machine, string loadAverageAtEnd, bool withRabbitMq = false)
    {
        output.WriteLine($"Machine: {machine.Cores} cores, {machine.Cpu}, {machine.Memory}; {machine.Os}, {machine.Dotnet}" + (withRabbitMq ? $", RabbitMQ {machine.RabbitMq}" : ""));
        output.WriteLine($"         load average {machine.LoadAverageAtStart} at start, {loadAverageAtEnd} at end (1/5/15 min)");
    }

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

    /// <summary>p50/p90/p99/max/mean in milliseconds, one row per entry, labelled by its key's (key, label) pair.</summary>
    public static void PrintLatencyTable(TextWriter output, IReadOnlyDictionary<string, LatencySummary> latencyMs, params (string Key, string Label)[] rows)
    {
        var labels = rows.ToDictionary(r => r.Key, r => r.Label);
        var width = Math.Max(24, labels.Values.Max(l => l.Length));
        output.WriteLine($"{"latency (ms)".PadRight(width)} {"p50",8} {"p90",8} {"p99",8} {"max",8} {"mean",8}");
        foreach (var (key, s) in latencyMs)
            output.WriteLine($"{labels[key].PadRight(width)} {F(s.P50),8} {F(s.P90),8} {F(s.P99),8} {F(s.Max),8} {F(s.Mean),8}");
    }

    public static void PrintRunTime(TextWriter output, IReadOnlyDictionary<string, double> phaseSeconds) =>
        output.WriteLine("Run time: " + string.Join(", ", phaseSeconds.Select(p => $"{p.Key} {p.Value.ToString("0.0", C)} s")));

    /// <summary>The services' <c>--set</c> configuration as a report names it.</summary>
    public static string DescribeSettings(IReadOnlyDictionary<string, string> settings) =>
        settings.Count > 0 ? string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}")) : "production defaults (appsettings.json and code)";

    /// <summary>Each phase's seconds to one decimal, as reports give them.</summary>
    public static IReadOnlyDictionary<string, double> Rounded(IReadOnlyDictionary<string, double> phaseSeconds) =>
        phaseSeconds.ToDictionary(p => p.Key, p => Math.Round(p.Value, 1));

    /// <summary>Prints <paramref name="result"/>, writes it as JSON to <paramref name="path"/> and says where; the mode's exit code.</summary>
    public static int Publish(IBenchResult result, string path)
    {
        result.Print(Console.Out);
        result.WriteJson(path);
        Console.WriteLine($"Results written to {path}");
        return 0;
    }

    public static void WriteJson<T>(string path, T result)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(result, Json) + "\n");
    }

    static string F(double value) => value.ToString("0.00", C);
}
