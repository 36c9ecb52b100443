using Microsoft.AspNetCore.Http;

namespace ReferralNet.ServiceDefaults.Http;

/// <summary>How a request went: a value, or an HTTP failure with a message that says what to do.</summary>
public sealed record Outcome<T>(T? Value, int Status, string? Message)
{
    /// <summary>Whether it succeeded.</summary>
    public bool Succeeded => Message is null;

    /// <summary>A success.</summary>
    public static Outcome<T> Ok(T value) => new(value, StatusCodes.Status200OK, null);

    /// <summary>400: the request is wrong.</summary>
    public static Outcome<T> Invalid(string message) => new(default, StatusCodes.Status400BadRequest, message);

    /// <summary>403: not allowed for this organisation.</summary>
    public static Outcome<T> Forbidden(string message) => new(default, StatusCodes.Status403Forbidden, message);

    /// <summary>404: unknown, or not this organisation's to see.</summary>
    public static Outcome<T> NotFound(string message) => new(default, StatusCodes.Status404NotFound, message);

    /// <summary>409: not possible in the current state.</summary>
    public static Outcome<T> Conflict(string message) => new(default, StatusCodes.Status409Conflict, message);

    /// <summary>The HTTP result: <paramref name="success"/> of the value, or the problem.</summary>
    public IResult ToResult(Func<T, IResult> success) => Status switch
    {
        _ when Succeeded => success(Value!),
        StatusCodes.Status403Forbidden => Problems.Forbidden(Message!),
        StatusCodes.Status404NotFound => Problems.NotFound(Message!),
        StatusCodes.Status409Conflict => Problems.Conflict(Message!),
        _ => Problems.BadRequest(Message!),
    };
}
