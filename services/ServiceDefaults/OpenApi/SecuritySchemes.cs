using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;
using ReferralNet.ServiceDefaults.Identity;

namespace ReferralNet.ServiceDefaults.OpenApi;

/// <summary>
/// Declares how callers sign in: OAuth 2.0 against the identity service (authorization code with
/// PKCE for people, client credentials for scripts), and, in Development only, the development API
/// key header. Every operation requires one of them (the fallback policy); anonymous ones say so.
/// </summary>
sealed class SecuritySchemes(IConfiguration configuration, IHostEnvironment environment) : IOpenApiDocumentTransformer
{
    const string OAuth = "oauth2";
    const string ApiKey = "developmentApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var authority = (configuration["ReferralNet:Identity:Authority"] is { Length: > 0 } configured ? configured : "http://127.0.0.1:5105/").TrimEnd('/');
        var audience = ReferralNetOptions.ServiceNameOf(configuration, environment.ApplicationName);
        var scopes = new Dictionary<string, string> { [audience] = $"call the {audience} service" };

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[OAuth] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "Access tokens (JWT, 5 minutes) from the ReferralNet identity service; the audience is this service's name.",
            Flows = new OpenApiOAuthFlows
            {
                AuthorizationCode = new OpenApiOAuthFlow
                {
                    AuthorizationUrl = new Uri($"{authority}/connect/authorize"),
                    TokenUrl = new Uri($"{authority}/connect/token"),
                    Scopes = scopes,
                },
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = new Uri($"{authority}/connect/token"),
                    Scopes = scopes,
                },
            },
        };
        var requirement = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OAuth, document)] = [audience] };
        document.Security ??= [];
        document.Security.Add(requirement);

        if (environment.IsDevelopment())
        {
            document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.Header,
                Description = "Development only: an organisation's key from seeds/organisations.json.",
            };
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKey, document)] = [] });
        }
        return Task.CompletedTask;
    }
}
