using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ReferralNet.Testing;

/// <summary>Which REST routes a running service maps that its OpenAPI document does not describe.</summary>
public static partial class ApiDocumentCoverage
{
    // Not API: probes, the document itself and its reference.
    static readonly string[] NotApi = ["/health", "/alive", "/openapi", "/scalar"];

    /// <summary>
    /// Every mapped route (HTTP method and path template, gRPC methods aside) missing from the
    /// document at <c>/openapi/v1.json</c>, as "GET /api/…"; empty when every route is in it.
    /// </summary>
    public static async Task<IReadOnlyList<string>> UndocumentedRoutesAsync<T>(this WebApplicationFactory<T> service, CancellationToken ct)
        where T : class
    {
        var mapped = service.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => !e.Metadata.Any(m => m.GetType().Namespace?.StartsWith("Grpc.", StringComparison.Ordinal) == true))
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not null)
            .Select(e => (Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods, Path: Template(e.RoutePattern.RawText ?? "")))
            .Where(r => !NotApi.Any(prefix => r.Path.StartsWith(prefix, StringComparison.Ordinal)))
            .SelectMany(r => r.Methods.Select(method => $"{method} {r.Path}"))
            .ToHashSet();
        if (mapped.Count == 0)
            throw new InvalidOperationException("the service maps no REST route: nothing to compare with its document");

        using var client = service.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json", ct);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var documented = new HashSet<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
                documented.Add($"{operation.Name.ToUpperInvariant()} {Template(path.Name)}");
        return mapped.Where(route => !documented.Contains(route)).Order(StringComparer.Ordinal).ToList();
    }

    // "/api/shelters/{id:minlength(1)}/beds/{type?}" → "/api/shelters/{id}/beds/{type}". A trailing slash is the same route ("/beds/" in a group is served at "/beds" too).
    static string Template(string pattern) =>
        Parameter().Replace("/" + pattern.Trim('/'), m => "{" + m.Groups[1].Value + "}");

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex Parameter();
}
