using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ReferralNet.Testing;

namespace ReferralNet.Bench;

/// <summary>
/// The smallest OTLP/HTTP receiver: accepts <c>POST /v1/traces</c>, <c>/v1/metrics</c> and
/// <c>/v1/logs</c> (protobuf), counts requests and bytes per signal, answers an empty success and
/// keeps nothing. It stands in for a collector, so exporting costs the services what it would.
/// </summary>
sealed class OtlpSink : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly Dictionary<string, (long Requests, long Bytes)> _received = [];

    OtlpSink(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>The base URI to give as OTEL_EXPORTER_OTLP_ENDPOINT (with OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf).</summary>
    public Uri Endpoint { get; }

    public static async Task<OtlpSink> StartAsync(CancellationToken ct)
    {
        var endpoint = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(endpoint.ToString());
        var app = builder.Build();
        var sink = new OtlpSink(app, endpoint);
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            var buffer = new byte[81920];
            long bytes = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer)) > 0)
                bytes += read;
            lock (sink._received)
            {
                var (requests, total) = sink._received.GetValueOrDefault(signal);
                sink._received[signal] = (requests + 1, total + bytes);
            }
            // An empty Export*ServiceResponse: everything accepted.
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync(ct);
        return sink;
    }

    /// <summary>Requests and bytes received so far, per signal (traces, metrics, logs).</summary>
    public IReadOnlyDictionary<string, (long Requests, long Bytes)> Received()
    {
        lock (_received)
            return new Dictionary<string, (long, long)>(_received);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
