using Microsoft.AspNetCore.Http;

namespace ReferralNet.ServiceDefaults.Http;

/// <summary>Problem responses (RFC 9457) whose detail says what was wrong and what to do.</summary>
public static class Problems
{
    /// <summary>400: the request itself is wrong.</summary>
    public static IResult BadRequest(string detail) => TypedResults.Problem(QuotedInput.Shorten(detail), statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid");

    /// <summary>413: the body is bigger than any valid request.</summary>
    public static IResult PayloadTooLarge(string detail) => TypedResults.Problem(QuotedInput.Shorten(detail), statusCode: StatusCodes.Status413PayloadTooLarge, title: "The body is too large");

    /// <summary>403: known, but not allowed for this organisation.</summary>
    public static IResult Forbidden(string detail) => TypedResults.Problem(QuotedInput.Shorten(detail), statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");

    /// <summary>404: unknown, or not this organisation's to see.</summary>
    public static IResult NotFound(string detail) => TypedResults.Problem(QuotedInput.Shorten(detail), statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>409: valid, but not in the current state.</summary>
    public static IResult Conflict(string detail) => TypedResults.Problem(QuotedInput.Shorten(detail), statusCode: StatusCodes.Status409Conflict, title: "Conflicts with the current state");
}
