using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ReferralNet.ServiceDefaults.OpenApi;

/// <summary>
/// The problem answers every signed-in operation can give besides its own (which its typed results
/// declare): 401 without valid credentials, 403 for a role without the right, 429 over the
/// organisation's rate limit, 400 for a request the edges refuse before the handler.
/// </summary>
sealed class ProblemAnswers : IOpenApiOperationTransformer
{
    static readonly (int Status, string Description)[] Common =
    [
        (StatusCodes.Status400BadRequest, "The request is not valid: the problem's detail says what was wrong and what to send instead."),
        (StatusCodes.Status401Unauthorized, "No valid credentials: send an access token (Authorization: Bearer) from the identity service."),
        (StatusCodes.Status403Forbidden, "Signed in, but no role of the caller may do this."),
        (StatusCodes.Status429TooManyRequests, "Over the organisation's rate limit: try again after Retry-After seconds."),
    ];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var anonymous = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any();
        operation.Responses ??= [];
        foreach (var (status, description) in Common)
        {
            if (anonymous && status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)
                continue;
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses.ContainsKey(key))
                continue;
            operation.Responses[key] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() },
            };
        }
        return Task.CompletedTask;
    }
}
