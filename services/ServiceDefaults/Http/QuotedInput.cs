using System.Text.RegularExpressions;

namespace ReferralNet.ServiceDefaults.Http;

/// <summary>
/// Keeps error messages short when they quote what the caller sent. A message that echoed a
/// 64 KB id whole would not fit in a gRPC status header (the client drops the connection, and
/// every call on it), and no one reads past the first words anyway.
/// </summary>
public static partial class QuotedInput
{
    const int MaxQuoted = 60;
    const int MaxMessage = 1000;

    /// <summary>The message with every quoted value longer than 60 characters cut, and the whole at most 1,000 characters.</summary>
    public static string Shorten(string message)
    {
        if (message.Length <= MaxQuoted)
            return message;
        var shortened = Quoted().Replace(message, m => $"'{m.Groups[1].Value[..40]}…' ({m.Groups[1].Length} characters)");
        return shortened.Length <= MaxMessage ? shortened : shortened[..MaxMessage] + "…";
    }

    // More than MaxQuoted characters between two single quotes.
    [GeneratedRegex("'([^']{61,})'", RegexOptions.CultureInvariant)]
    private static partial Regex Quoted();
}
