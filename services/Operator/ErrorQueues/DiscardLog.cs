namespace ReferralNet.Operator.ErrorQueues;

/// <summary>
/// Where discards are recorded: one line per message, appended to a file (by default
/// <c>deploy/.data/operator/discards.log</c>) and printed.
/// </summary>
public sealed class DiscardLog(string path, TextWriter output)
{
    /// <summary>The longest reason kept; longer ones are cut.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>The log file.</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>Appends and prints the line for one discarded message.</summary>
    public async Task WriteAsync(FailedMessage message, string reason, DateTimeOffset at)
    {
        var oneLine = reason.ReplaceLineEndings(" ").Trim();
        if (oneLine.Length > MaxReasonLength)
            oneLine = oneLine[..MaxReasonLength];
        var line = $"{at.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} discarded message {message.MessageId} type {message.MessageType} " +
                   $"from {message.ErrorQueue} (failed on {message.SourceQueue}) reason \"{oneLine.Replace("\"", "'")}\"";
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        await File.AppendAllTextAsync(Path, line + Environment.NewLine);
        await output.WriteLineAsync(line);
    }
}
