using System.Globalization;

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
    IReadOnlyDictionary<string, double> PhaseSeconds) : IBenchResult
{
    public void Print(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        BenchReport.PrintTitle(output, "bed-propagation", StartedAt);
        BenchReport.PrintMachine(output, Machine, LoadAverageAtEnd, MachineCpuBusyPercent, BenchCpuPercent, CpuMsPerChange, "change");
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
        BenchReport.PrintLatencyTable(
            output, LatencyMs,
            ("putResponse", "PUT response (Shelter)"), ("legalAid", "LegalAid board"), ("medical", "Medical board"),
            ("vocational", "Vocational board"), ("allBoards", "all three boards"));
        output.WriteLine();
        output.WriteLine($"Checks: {WrongCountsSeen} board readings at the new version with wrong counts, {LaterVersionsSeen} with a later version than expected.");
        BenchReport.PrintRunTime(output, PhaseSeconds);
    }

    public void WriteJson(string path) => BenchReport.WriteJson(path, this);
}
