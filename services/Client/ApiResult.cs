namespace ReferralNet.Client;

/// <summary>
/// What a service answered: the value, or the problem's <c>detail</c> (which says what was wrong and
/// what to do), ready to show to a person. <see cref="Status"/> is the HTTP status code.
/// </summary>
public sealed record ApiResult<T>(T? Value, int Status, string? Problem)
{
    public bool Ok => Problem is null;

    /// <summary>The path of a list's next page (its <c>Link: rel="next"</c>); null on the last page and for anything not a list.</summary>
    public string? Next { get; init; }

    public static ApiResult<T> Success(T value, int status) => new(value, status, null);

    public static ApiResult<T> Failure(int status, string problem) => new(default, status, problem);
}
