using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReferralNet.Bench;

/// <summary>The figures of one bed-propagation run, as printed and as written to JSON.</summary>
sealed record BedPropagationResult(
    string Benchmark,
    DateTimeOffset StartedAt,
    Machine Machine,
    string LoadAverageAtEnd,
    string Method,
    string ServiceSettings,
    string Shelter,
    int Changes,
    int WarmUpChanges,
    double PauseBetweenChangesMs,
    double PollIntervalMs,
    LatencySummary PollWindowMs,
    double PollsPerChange,
    IReadOnlyDictionary<string, LatencySummary> LatencyMs,
    int WrongCountsSeen,
    int LaterVersionsSeen,
    double ChangesPerSecond,
    double MachineCpuBusyPercent,
    double BenchCpuPercent,
    IReadOnlyDictionary<string, double> CpuMsPerChange,
    IReadOnlyDictionary<string, double> PhaseSeconds)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Read by people and scripts, never embedded in HTML: keep quotes and '+' as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Row labels of the latency table, by key of <see cref="LatencyMs"/>.</summary>
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        ["putResponse"] = "PUT response (Shelter)",
        ["legalAid"] = "LegalAid board",
        ["medical"] = "Medical board",
        ["vocational"] = "Vocational board",
        ["allBoards"] = "all three boards",
    };

    public void Print(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine($"ReferralNet bed-propagation benchmark, {StartedAt:yyyy-MM-dd HH:mm} UTC");
        output.WriteLine($"Machine: {Machine.Cores} cores (nproc {Machine.Nproc}), {Machine.Cpu}, {Machine.Memory}");
        output.WriteLine($"         {Machine.Os}, kernel {Machine.Kernel}, {Machine.Dotnet}, RabbitMQ {Machine.RabbitMq}");
        output.WriteLine($"         load average {Machine.LoadAverageAtStart} at start, {LoadAverageAtEnd} at end (1/5/15 min)");
        output.WriteLine(
            $"         during the measurement all cores were {MachineCpuBusyPercent.ToString("0", c)} % busy, {BenchCpuPercent.ToString("0", c)} % of it " +
            $"the bench, its services and its broker; the rest is other work on the machine, and inflates the figures");
        output.WriteLine("         CPU time per change: " + string.Join(", ", CpuMsPerChange.Select(p => $"{p.Key} {p.Value.ToString("0.0", c)} ms")));
        output.WriteLine(
            $"N: {Changes} changes of {Shelter} after {WarmUpChanges} warm-up changes" +
            (PauseBetweenChangesMs > 0 ? $", {PauseBetweenChangesMs.ToString("0.#", c)} ms apart" : ", back to back") +
            $"; {ChangesPerSecond.ToString("0.0", c)} changes/s");
        output.WriteLine($"Method: {Method}");
        output.WriteLine($"Services: {ServiceSettings}");
        output.WriteLine(
            $"Polling resolution: each board polled every {PollIntervalMs.ToString("0.#", c)} ms; a board was last seen without the change " +
            $"p50 {PollWindowMs.P50.ToString("0.00", c)} / p99 {PollWindowMs.P99.ToString("0.00", c)} / max {PollWindowMs.Max.ToString("0.00", c)} ms before it was seen with it, so board figures are late by at most that " +
            $"({PollsPerChange.ToString("0", c)} reads of the three boards per change).");
        output.WriteLine();
        output.WriteLine($"{"latency (ms)",-24} {"p50",8} {"p90",8} {"p99",8} {"max",8} {"mean",8}");
        foreach (var (key, s) in LatencyMs)
            output.WriteLine($"{Labels[key],-24} {F(s.P50),8} {F(s.P90),8} {F(s.P99),8} {F(s.Max),8} {F(s.Mean),8}");
        output.WriteLine();
        output.WriteLine($"Checks: {WrongCountsSeen} board readings at the new version with wrong counts, {LaterVersionsSeen} with a later version than expected.");
        output.WriteLine("Run time: " + string.Join(", ", PhaseSeconds.Select(p => $"{p.Key} {p.Value.ToString("0.0", c)} s")));

        static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
    }

    public void WriteJson(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");
    }
}
