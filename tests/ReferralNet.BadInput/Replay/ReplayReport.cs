using System.Text;

namespace ReferralNet.BadInput.Replay;

/// <summary>Every entry's answer, the services' health afterwards, and the tables to print.</summary>
public sealed record ReplayReport(IReadOnlyList<EntryResult> Results, IReadOnlyDictionary<string, string> Health, IReadOnlyList<string> Warnings, TimeSpan Elapsed)
{
    public IReadOnlyList<EntryResult> Failures => Results.Where(r => r.IsFailure).ToList();

    public IReadOnlyList<string> UnhealthyServices => Health.Where(h => h.Value != "healthy").Select(h => $"{h.Key}: {h.Value}").ToList();

    /// <summary>No 5xx, no crash, every 4xx with a message, every bad input refused, every bad message in _error, every service healthy.</summary>
    public bool Passed => Failures.Count == 0 && UnhealthyServices.Count == 0;

    public int Count(Outcome outcome) => Results.Count(r => r.Outcome == outcome);

    /// <summary>The REST and gRPC table per category, then the broker table per queue, then the failures.</summary>
    public string ToTable(int failuresToShow = 40)
    {
        var text = new StringBuilder();
        text.AppendLine("| protocol | category | sent | 2xx | 4xx | 5xx | 4xx without useful message | bad input accepted (2xx) | crashes / no answer |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        var requests = Results.Where(r => r.Entry.Protocol != "amqp").ToList();
        foreach (var group in requests.GroupBy(r => (r.Entry.Protocol, r.Entry.Category)).OrderBy(g => g.Key.Protocol).ThenBy(g => g.Key.Category))
            Row(text, group.Key.Protocol, group.Key.Category, group.ToList());
        Row(text, "**all**", "", requests);
        text.AppendLine();
        text.AppendLine("| queue | published | in _error | in _skipped (unknown message type) | consumed without failing |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        var messages = Results.Where(r => r.Entry.Protocol == "amqp").ToList();
        foreach (var group in messages.GroupBy(r => r.Entry.Path).OrderBy(g => g.Key))
            text.AppendLine($"| {group.Key} | {group.Count()} | {group.Count(r => r.Outcome == Outcome.InErrorQueue)} | {group.Count(r => r.Outcome == Outcome.InSkippedQueue)} | {group.Count(r => r.Outcome == Outcome.NotInErrorQueue)} |");
        text.AppendLine($"| **all** | {messages.Count} | {messages.Count(r => r.Outcome == Outcome.InErrorQueue)} | {messages.Count(r => r.Outcome == Outcome.InSkippedQueue)} | {messages.Count(r => r.Outcome == Outcome.NotInErrorQueue)} |");
        text.AppendLine();
        text.AppendLine("Services afterwards: " + string.Join(", ", Health.Select(h => $"{h.Key} {h.Value}")));
        foreach (var warning in Warnings)
            text.AppendLine("Warning: " + warning);
        var failures = Failures;
        text.AppendLine($"{Results.Count} entries in {Elapsed.TotalSeconds:F0} s; {failures.Count} failures.");
        foreach (var failure in failures.Take(failuresToShow))
            text.AppendLine($"  #{failure.Entry.Id} {failure.Entry.Protocol} {failure.Entry.Service} {failure.Entry.Method} {Short(failure.Entry.Path, 80)} [{failure.Entry.Category}: {Short(failure.Entry.Note, 60)}] -> {failure.Outcome} {failure.Status} {Short(failure.Detail ?? "", 160)}");
        if (failures.Count > failuresToShow)
            text.AppendLine($"  … and {failures.Count - failuresToShow} more");
        return text.ToString();
    }

    static void Row(StringBuilder text, string protocol, string category, IReadOnlyList<EntryResult> rows) =>
        text.AppendLine($"| {protocol} | {category} | {rows.Count} | {rows.Count(r => r.Outcome is Outcome.Success or Outcome.Accepted)} | " +
            $"{rows.Count(r => r.Outcome is Outcome.ClientError or Outcome.ClientErrorWithoutMessage)} | {rows.Count(r => r.Outcome == Outcome.ServerError)} | " +
            $"{rows.Count(r => r.Outcome == Outcome.ClientErrorWithoutMessage)} | {rows.Count(r => r.Outcome == Outcome.Accepted)} | {rows.Count(r => r.Outcome == Outcome.Crash)} |");

    static string Short(string text, int length)
    {
        var printable = new string(text.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? '·' : c).ToArray());
        return printable.Length <= length ? printable : printable[..length] + "…";
    }
}
