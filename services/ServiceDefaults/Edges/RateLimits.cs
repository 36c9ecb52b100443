using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReferralNet.ServiceDefaults.Identity;

namespace ReferralNet.ServiceDefaults.Edges;

/// <summary>
/// Every call is counted against its organisation (signed in by its key or cookie) or, without
/// valid credentials, against its remote address; over the limit a REST call gets 429 with
/// <c>Retry-After</c>, a gRPC call ResourceExhausted with <c>retry-after</c> (seconds) in its metadata.
/// Health probes are never limited.
/// </summary>
public static class RateLimits
{
    /// <summary>Registers the limiter with the limits of <see cref="RateLimitOptions"/>.</summary>
    public static IServiceCollection AddReferralNetRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new();
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, limits));
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>Signs the caller in early (when the service has sign-in), so the limiter knows the organisation, then limits.</summary>
    public static IApplicationBuilder UseReferralNetRateLimits(this IApplicationBuilder app)
    {
        app.Use(async (http, next) =>
        {
            // The handler remembers its result: the authentication middleware later does not sign in twice.
            if (http.RequestServices.GetService<IAuthenticationSchemeProvider>() is { } schemes
                && await schemes.GetDefaultAuthenticateSchemeAsync() is not null
                && await http.AuthenticateAsync() is { Succeeded: true } signedIn)
                http.User = signedIn.Principal;
            await next(http);
        });
        return app.UseRateLimiter();
    }

    static RateLimitPartition<string> Partition(HttpContext http, RateLimitOptions limits)
    {
        var path = http.Request.Path;
        if (path.StartsWithSegments("/health") || path.StartsWithSegments("/alive") || path.StartsWithSegments("/grpc.health.v1.Health"))
            return RateLimitPartition.GetNoLimiter("health");
        if (http.User.FindFirstValue(OrganisationClaims.OrganisationId) is { Length: > 0 } organisation)
            return RateLimitPartition.GetTokenBucketLimiter($"org:{organisation}", _ => Bucket(limits.PerOrganisationPerSecond, limits.PerOrganisationBurst));
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetTokenBucketLimiter($"ip:{address}", _ => Bucket(limits.AnonymousPerSecond, limits.AnonymousBurst));
    }

    static TokenBucketRateLimiterOptions Bucket(int perSecond, int burst) => new()
    {
        TokenLimit = Math.Max(1, burst),
        TokensPerPeriod = Math.Max(1, perSecond),
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var http = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        var retryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var message = $"too many calls from your organisation; wait {retryAfter} s (Retry-After) and try again, or ask the network operator for a higher limit";
        if (http.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true)
        {
            // A trailers-only gRPC response: ResourceExhausted, and when to try again.
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = "application/grpc";
            http.Response.Headers["grpc-status"] = "8";
            http.Response.Headers["grpc-message"] = Uri.EscapeDataString(message);
            http.Response.Headers["retry-after"] = retryAfter;
            await http.Response.CompleteAsync();
            return;
        }
        http.Response.Headers.RetryAfter = retryAfter;
        await Results.Problem(message, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many calls").ExecuteAsync(http);
    }
}
