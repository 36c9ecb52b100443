using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using ReferralNet.ServiceDefaults.Http;

namespace ReferralNet.ServiceDefaults.Identity;

/// <summary>
/// Answers a caller whose role does not allow an endpoint with a 403 that says which role it needs:
/// a problem document on REST, <c>PermissionDenied</c> with the same sentence on gRPC (a bare 403
/// would reach a gRPC client as "Bad gRPC response").
/// </summary>
public sealed class AccessRefusals : IAuthorizationMiddlewareResultHandler
{
    readonly AuthorizationMiddlewareResultHandler _default = new();

    /// <inheritdoc />
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden
            || authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<AccessRequirement>().FirstOrDefault() is not { } failed)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
        {
            // A trailers-only gRPC response: the status travels in the headers.
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = "7";
            context.Response.Headers["grpc-message"] = Uri.EscapeDataString(failed.Refusal);
            await context.Response.CompleteAsync();
            return;
        }
        await Problems.Forbidden(failed.Refusal).ExecuteAsync(context);
    }
}
