using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace ReferralNet.ServiceDefaults.Http;

/// <summary>
/// Gives every 4xx or 5xx that would otherwise go out with an empty body (no endpoint at that
/// path, a method the path does not take, a request the server could not read) a problem
/// response whose detail says what was wrong and what to do.
/// </summary>
public static class ProblemStatusPages
{
    /// <summary>Writes the problem for the response's status; used with <c>UseStatusCodePages</c>.</summary>
    public static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var allowed = http.Response.Headers.Allow.ToString();
        var (title, detail) = status switch
        {
            StatusCodes.Status404NotFound =>
                ("Not found", "no endpoint answers this path; check it against the API in the README (for example GET /api/referrals)"),
            StatusCodes.Status405MethodNotAllowed => ("Method not allowed", allowed.Length > 0
                ? $"this path does not take {http.Request.Method}; it takes {allowed}"
                : $"this path does not take {http.Request.Method}; use the method the API documents for it"),
            StatusCodes.Status413PayloadTooLarge =>
                ("The body is too large", "the body is larger than this server accepts; send only the fields the API documents"),
            StatusCodes.Status415UnsupportedMediaType =>
                ("Unsupported media type", "send the body as JSON with the header Content-Type: application/json"),
            StatusCodes.Status400BadRequest =>
                ("The request is not valid", "the request could not be read: check the URL, its query values and the headers"),
            _ when status >= 500 =>
                ("The server failed", "the service failed to answer this request; try again later, and tell the operators if it persists"),
            _ => ("The request failed", $"the request failed with status {status}; check the URL, the headers and the body against the API"),
        };
        return Results.Problem(detail, statusCode: status, title: title).ExecuteAsync(http);
    }
}
