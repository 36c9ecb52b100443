using System.Text.Json;

namespace ReferralNet.Faults;

/// <summary>The suite's one table, on the console and as JSON.</summary>
static class ResultsTable
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Print(TextWriter output, IReadOnlyList<ScenarioResult> results)
    {
        output.WriteLine();
        output.WriteLine($"| {"scenario",-28} | {"sent",6} | {"delivered",9} | {"lost",4} | {"doubled",7} | {"unexpected",10} | {"drain time",10} | result |");
        output.WriteLine($"|{new string('-', 30)}|{new string('-', 7)}:|{new string('-', 10)}:|{new string('-', 5)}:|{new string('-', 8)}:|{new string('-', 11)}:|{new string('-', 11)}:|--------|");
        foreach (var r in results)
        {
            var drain = r.DrainSeconds is { } d ? $"{d:0.0} s" : "-";
            output.WriteLine($"| {r.Scenario,-28} | {r.Sent,6} | {r.Delivered,9} | {r.Lost,4} | {r.Doubled,7} | {r.Unexpected,10} | {drain,10} | {(r.Passed ? "pass" : "FAIL"),-6} |");
        }
        output.WriteLine();
        foreach (var r in results)
        {
            var figures = string.Join(", ", r.Figures.Select(f => $"{f.Key} {f.Value}"));
            output.WriteLine($"{r.Scenario}: {r.Fault}{(figures.Length > 0 ? $" [{figures}]" : "")}");
            foreach (var finding in r.Findings)
                output.WriteLine($"    note: {finding}");
            foreach (var failure in r.Failures)
                output.WriteLine($"    FAILED: {failure}");
        }
    }

    public static void WriteJson(string path, FaultScale scale, DateTimeOffset startedAt, TimeSpan took, IReadOnlyList<ScenarioResult> results)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var loadAverage = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null;
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            form = scale.Name,
            scale,
            startedAt,
            minutes = Math.Round(took.TotalMinutes, 1),
            machine = new { cores = Environment.ProcessorCount, loadAverageAtEnd = loadAverage, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, dotnet = Environment.Version.ToString() },
            passed = results.All(r => r.Passed),
            results,
        }, Json) + "\n");
    }
}
