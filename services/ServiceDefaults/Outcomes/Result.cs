namespace ReferralNet.ServiceDefaults.Outcomes;

/// <summary>How a domain operation went: a value, or an error of a kind with a message that says what to do.</summary>
public sealed record Result<T>(T? Value, ErrorKind? Error, string? Message)
{
    /// <summary>Whether it succeeded.</summary>
    public bool Succeeded => Error is null;

    /// <summary>A success.</summary>
    public static Result<T> Ok(T value) => new(value, null, null);

    /// <summary>A failure of <paramref name="kind"/>.</summary>
    public static Result<T> Fail(ErrorKind kind, string message) => new(default, kind, message);

    /// <summary>The request is wrong.</summary>
    public static Result<T> Invalid(string message) => Fail(ErrorKind.Invalid, message);

    /// <summary>Unknown, or not the caller's to see.</summary>
    public static Result<T> NotFound(string message) => Fail(ErrorKind.NotFound, message);

    /// <summary>Not allowed for the caller.</summary>
    public static Result<T> Forbidden(string message) => Fail(ErrorKind.Forbidden, message);

    /// <summary>Not possible in the current state.</summary>
    public static Result<T> Conflict(string message) => Fail(ErrorKind.Conflict, message);
}
