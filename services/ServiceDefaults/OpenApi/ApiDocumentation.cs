using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scalar.AspNetCore;

namespace ReferralNet.ServiceDefaults.OpenApi;

/// <summary>
/// Each service's OpenAPI document (<c>/openapi/v1.json</c>) with its sign-in schemes and every
/// operation's problem answers, and a browsable reference of it (<c>/scalar</c>). Both describe the
/// API's shape only (no data) and are open without credentials.
/// </summary>
public static class ApiDocumentation
{
    /// <summary>Where the document is served.</summary>
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>Where the browsable reference is served.</summary>
    public const string ReferencePath = "/scalar";

    /// <summary>Registers the document and its transformers.</summary>
    public static IHostApplicationBuilder AddApiDocumentation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<SecuritySchemes>();
            options.AddOperationTransformer<ProblemAnswers>();
        });
        return builder;
    }

    /// <summary>Maps the document and the reference.</summary>
    public static IEndpointRouteBuilder MapApiDocumentation(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous().DisableRateLimiting();
        app.MapScalarApiReference(ReferencePath, scalar => scalar.WithOpenApiRoutePattern(DocumentPath)).AllowAnonymous();
        return app;
    }
}
