using ReferralNet.ServiceDefaults.OpenApi;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ReferralNet.ServiceDefaults.Edges;
using ReferralNet.ServiceDefaults.Http;
using ReferralNet.ServiceDefaults.Seeds;
using ReferralNet.ServiceDefaults.Telemetry;

namespace ReferralNet.ServiceDefaults;

/// <summary>The wiring every ReferralNet service shares: endpoints, telemetry, health.</summary>
public static class ServiceDefaultsExtensions
{
    const string LiveTag = "live";

    // 1 min, 5 min, 15 min, 30 min, 1 h, 2 h, 4 h, 8 h, 1 day, 2 days, 3 days, 1 week.
    static readonly double[] TimeToAcceptBuckets = [60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400, 172800, 259200, 604800];

    /// <summary>
    /// Binds the REST and gRPC endpoints, and wires OpenTelemetry traces, metrics and logs
    /// (exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set) and health checks; answers
    /// only the loopback and configured host names (<see cref="HostNames"/>) and limits each
    /// organisation's calls (<see cref="RateLimits"/>).
    /// Malformed calls to the methods of <paramref name="grpcFiles"/> are answered with
    /// InvalidArgument before they reach a handler.
    /// </summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, params FileDescriptor[] grpcFiles)
    {
        var serviceName = ReferralNetOptions.ServiceNameOf(builder.Configuration, builder.Environment.ApplicationName);
        builder.Services.AddOptions<ReferralNetOptions>().BindConfiguration(ReferralNetOptions.Section)
            .PostConfigure(options => options.ServiceName = serviceName);
        builder.Services.AddSingleton<SeedFiles>();
        builder.ConfigureEndpoints();
        builder.ConfigureOpenTelemetry();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        builder.Services.AddGrpc(grpc => grpc.Interceptors.Add<ShortStatusDetails>());
        builder.Services.AddGrpcHealthChecks();
        builder.Services.AddProblemDetails();
        builder.Services.AddReferralNetHostFiltering(builder.Configuration);
        builder.Services.AddReferralNetRateLimits(builder.Configuration);
        builder.AddApiDocumentation();
        // Bad requests the endpoints never see still get an answer that says what was wrong.
        builder.Services.AddTransient<IStartupFilter>(_ => new BadRequestAnswers(GrpcRequestCheck.RequestTypesOf(grpcFiles)));
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (every check passes), <c>/alive</c> (the process answers) and the
    /// standard gRPC health service (<c>grpc.health.v1.Health</c>), and the OpenAPI document with its
    /// browsable reference (<see cref="ApiDocumentation"/>).
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapGrpcHealthChecksService().AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = c => c.Tags.Contains(LiveTag) }).AllowAnonymous();
        app.MapApiDocumentation();
        return app;
    }

    static void ConfigureEndpoints(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ReferralNetOptions.Section).Get<ReferralNetOptions>() ?? new();
        if (options.RestUrl is null && options.GrpcUrl is null)
            return;

        // Plaintext beyond this machine would carry tokens and survivors' data readable on the wire.
        if (!Microsoft.Extensions.Hosting.HostEnvironmentEnvExtensions.IsDevelopment(builder.Environment) && !builder.Configuration.GetValue<bool>(PlaintextBehindTlsKey))
        {
            foreach (var (key, url) in new[] { ("RestUrl", options.RestUrl), ("GrpcUrl", options.GrpcUrl) })
            {
                if (url is not null && new Uri(url) is { Scheme: "http" } uri && !IsLoopback(uri))
                    throw new InvalidOperationException(
                        $"ReferralNet:{key} is {url}: a plaintext listener on an address other than loopback is refused outside Development. " +
                        $"Listen on 127.0.0.1, or, where TLS is terminated in front of the service (a mesh or an ingress), set {PlaintextBehindTlsKey.Replace(":", "__", StringComparison.Ordinal)}=true");
            }
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (options.RestUrl is not null)
                Listen(kestrel, options.RestUrl, HttpProtocols.Http1AndHttp2);
            // gRPC runs on its own port as h2c: plaintext HTTP/2 cannot share a port with HTTP/1.1.
            if (options.GrpcUrl is not null)
                Listen(kestrel, options.GrpcUrl, HttpProtocols.Http2);
        });
    }

    /// <summary>Allows plaintext listeners beyond loopback outside Development: TLS ends in front of the service.</summary>
    public const string PlaintextBehindTlsKey = ReferralNetOptions.Section + ":PlaintextBehindTls";

    static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || System.Net.IPAddress.TryParse(uri.Host, out var address) && System.Net.IPAddress.IsLoopback(address);

    static void Listen(KestrelServerOptions kestrel, string url, HttpProtocols protocols)
    {
        var uri = new Uri(url);
        var address = uri.Host is "localhost" ? System.Net.IPAddress.Loopback : System.Net.IPAddress.Parse(uri.Host);
        kestrel.Listen(address, uri.Port, listen => listen.Protocols = protocols);
    }

    static void ConfigureOpenTelemetry(this WebApplicationBuilder builder)
    {
        // SQL text is noise at information level, wherever the service's own settings are read from.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit", ReferralNetTelemetry.SourceName)
                // Acceptance takes minutes to days, far beyond the default buckets (0 to 10 s).
                .AddView(ReferralNetTelemetry.Metrics.TimeToAccept, new ExplicitBucketHistogramConfiguration { Boundaries = TimeToAcceptBuckets }))
            .WithTracing(tracing => tracing
                .AddSource("MassTransit", ReferralNetTelemetry.SourceName)
                .AddAspNetCoreInstrumentation(aspnet =>
                    aspnet.Filter = context => !IsHealthProbe(context.Request.Path))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
    }

    static bool IsHealthProbe(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive");
}
