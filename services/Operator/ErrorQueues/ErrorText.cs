using System.Text;

namespace ReferralNet.Operator.ErrorQueues;

/// <summary>
/// Shortens an exception's text for the terminal: the first line only, control characters
/// removed, capped. Our exceptions carry ids only, but a library's may quote more.
/// </summary>
public static class ErrorText
{
    /// <summary>The most characters of error text shown.</summary>
    public const int MaxLength = 160;

    /// <summary>"ExceptionType: first line of the message", capped at <see cref="MaxLength"/>.</summary>
    public static string Of(string? exceptionType, string? message)
    {
        var firstLine = (message ?? "").Split('\n', 2)[0];
        var text = new StringBuilder();
        foreach (var c in firstLine)
            text.Append(char.IsControl(c) ? ' ' : c);
        var line = text.ToString().Trim();
        var shortType = exceptionType is { Length: > 0 } ? exceptionType[(exceptionType.LastIndexOf('.') + 1)..] : null;
        var full = shortType is null ? line : line.Length == 0 ? shortType : $"{shortType}: {line}";
        if (full.Length == 0)
            return "(no error text)";
        return full.Length <= MaxLength ? full : full[..(MaxLength - 1)] + "…";
    }
}
