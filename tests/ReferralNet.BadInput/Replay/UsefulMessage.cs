namespace ReferralNet.BadInput.Replay;

/// <summary>
/// The checkable rule for "a 4xx with a message that says what was wrong": the problem's
/// <c>detail</c> (REST) or the status detail (gRPC) is at least 12 characters and three words
/// long, and is not a generic phrase (an HTTP reason phrase, a framework default, or the
/// response's own title).
/// </summary>
public static class UsefulMessage
{
    static readonly HashSet<string> Generic = new(StringComparer.OrdinalIgnoreCase)
    {
        "bad request", "unauthorized", "payment required", "forbidden", "not found", "method not allowed", "not acceptable",
        "proxy authentication required", "request timeout", "conflict", "gone", "length required", "precondition failed",
        "payload too large", "content too large", "request entity too large", "uri too long", "request-uri too long",
        "unsupported media type", "range not satisfiable", "expectation failed", "misdirected request", "unprocessable entity",
        "unprocessable content", "too many requests", "request header fields too large", "one or more validation errors occurred",
        "an error occurred while processing your request", "exception was thrown by handler", "bad grpc response",
        "error starting grpc call", "the request is not valid", "request body too large", "an unhandled exception occurred",
        "internal server error", "unknown", "error", "invalid request", "invalid argument", "the request was invalid",
    };

    /// <summary>Whether <paramref name="detail"/> says what was wrong.</summary>
    public static bool IsUseful(string? detail, string? title = null)
    {
        if (string.IsNullOrWhiteSpace(detail))
            return false;
        var text = detail.Trim().TrimEnd('.', '!');
        if (text.Length < 12 || text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 3)
            return false;
        if (Generic.Contains(text))
            return false;
        return title is null || !string.Equals(text, title.Trim().TrimEnd('.'), StringComparison.OrdinalIgnoreCase);
    }
}
