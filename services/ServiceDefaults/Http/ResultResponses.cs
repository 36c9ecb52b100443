using Microsoft.AspNetCore.Http;
using ReferralNet.ServiceDefaults.Outcomes;

namespace ReferralNet.ServiceDefaults.Http;

/// <summary>The one mapping of a domain <see cref="Result{T}"/> to an HTTP response.</summary>
public static class ResultResponses
{
    /// <summary><paramref name="success"/> of the value, or the problem response of the error's kind.</summary>
    public static IResult ToHttp<T>(this Result<T> result, Func<T, IResult> success) => result.Error switch
    {
        null => success(result.Value!),
        ErrorKind.Forbidden => Problems.Forbidden(result.Message!),
        ErrorKind.NotFound => Problems.NotFound(result.Message!),
        ErrorKind.Conflict => Problems.Conflict(result.Message!),
        _ => Problems.BadRequest(result.Message!),
    };
}
