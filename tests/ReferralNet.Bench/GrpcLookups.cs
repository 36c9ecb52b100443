using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using ReferralNet.Protos.Shelter.V1;

namespace ReferralNet.Bench;

/// <summary>FindBeds and the health Check over one h2c channel to Shelter, as a legal-aid organisation.</summary>
sealed class GrpcLookups : IDisposable
{
    public const string FindBeds = "FindBeds";
    public const string HealthCheck = "Health/Check";
    public static readonly string[] Calls = [FindBeds, HealthCheck];

    readonly GrpcChannel _channel;
    readonly BedLookup.BedLookupClient _beds;
    readonly Health.HealthClient _health;
    readonly Metadata _headers = new() { { "x-api-key", GrpcLookupBench.ApiKey } };

    public GrpcLookups(Uri grpcUrl)
    {
        _channel = GrpcChannel.ForAddress(grpcUrl, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { UseProxy = false } });
        _beds = new BedLookup.BedLookupClient(_channel);
        _health = new Health.HealthClient(_channel);
    }

    /// <summary>Both calls answer as expected; returns how many shelters FindBeds finds.</summary>
    public async Task<int> CheckAsync(CancellationToken ct)
    {
        var health = await _health.CheckAsync(new HealthCheckRequest(), _headers, cancellationToken: ct);
        if (health.Status != HealthCheckResponse.Types.ServingStatus.Serving)
            throw new BenchException($"Shelter's gRPC health check answered {health.Status}, not Serving");
        var beds = await _beds.FindBedsAsync(new FindBedsRequest(), _headers, cancellationToken: ct);
        if (beds.Shelters.Count == 0)
            throw new BenchException("FindBeds found no shelter with a free bed in the seeds: the lookup would time an empty answer");
        return beds.Shelters.Count;
    }

    /// <summary>Calls <paramref name="call"/> for <paramref name="length"/> with <paramref name="inFlight"/> callers, each starting its next call when the last answers.</summary>
    public async Task<Timed> RunAsync(string call, int inFlight, TimeSpan length, CancellationToken ct)
    {
        var latencies = new List<double>[inFlight];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(100_000);
            while (clock.Elapsed < length)
            {
                var start = Stopwatch.GetTimestamp();
                if (call == FindBeds)
                    await _beds.FindBedsAsync(new FindBedsRequest(), _headers, cancellationToken: ct);
                else
                    await _health.CheckAsync(new HealthCheckRequest(), _headers, cancellationToken: ct);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }, ct)));
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).ToArray();
        return new Timed(all.Length, seconds, all);
    }

    public void Dispose() => _channel.Dispose();
}
