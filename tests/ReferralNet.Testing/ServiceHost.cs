using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ReferralNet.Testing;

/// <summary>
/// One ReferralNet service running in this process (TestServer), on its own temporary SQLite file
/// and the given broker, with every span it sees collected in <see cref="Spans"/>.
/// <typeparamref name="TMarker"/> is any type of the service's assembly (each service's
/// <c>Program</c> has the same name, so the DbContext is the usual choice).
/// </summary>
public sealed class ServiceHost<TMarker> : WebApplicationFactory<TMarker> where TMarker : class
{
    readonly string _folder = Directory.CreateTempSubdirectory("referralnet-service-").FullName;
    readonly string _brokerConnectionString;
    readonly IReadOnlyDictionary<string, string?> _settings;

    public ServiceHost(string brokerConnectionString, IReadOnlyDictionary<string, string?>? settings = null)
    {
        // Each service logs in as its own broker account, as in a real run.
        var service = typeof(TMarker).Assembly.GetName().Name!.Replace("ReferralNet.", "", StringComparison.Ordinal).ToLowerInvariant();
        _brokerConnectionString = RabbitMqBroker.AsAccount(brokerConnectionString, service);
        _settings = settings ?? new Dictionary<string, string?>();
    }

    /// <summary>Spans this host's tracer exported (the listener is process-wide, so other hosts' spans appear too).</summary>
    public SpanCollection Spans { get; } = new();

    /// <summary>Log records this host's logger exported (its own only: the logger factory is per host).</summary>
    public TelemetryCollection<LogRecord> Logs { get; } = new();

    /// <summary>
    /// Metric snapshots this host's meter provider exported. Exports are periodic: call
    /// <see cref="FlushMetrics"/> before reading.
    /// </summary>
    public TelemetryCollection<MetricSnapshot> Metrics { get; } = new();

    /// <summary>Exports every metric this host has recorded so far into <see cref="Metrics"/>.</summary>
    public void FlushMetrics() => Services.GetService<MeterProvider>()?.ForceFlush();

    /// <summary>The service's SQLite file.</summary>
    public string DatabasePath => Path.Combine(_folder, "service.db");

    /// <summary>An HTTP client that signs in with the given organisation's API key.</summary>
    public HttpClient ClientFor(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:rabbitmq", _brokerConnectionString);
        builder.UseSetting("ReferralNet:DatabasePath", DatabasePath);
        builder.UseSetting("ReferralNet:Outbox:PollingInterval", "00:00:01");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
            services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddInMemoryExporter(Logs));
            services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics));
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
