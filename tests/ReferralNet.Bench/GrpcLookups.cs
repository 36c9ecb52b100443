using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using ReferralNet.Protos.Shelter.V1;

namespace ReferralNet.Bench;

/// <summary>
/// FindBeds (signed in with a development key, and again with an access token) and the health Check
/// over one h2c channel to Shelter, as a legal-aid organisation.
/// </summary>
sealed class GrpcLookups : IDisposable
{
    public const string FindBeds = "FindBeds";
    public const string FindBedsWithToken = "FindBeds+token";
    public const string HealthCheck = "Health/Check";
    public static readonly string[] Calls = [FindBeds, FindBedsWithToken, HealthCheck];

    readonly GrpcChannel _channel;
    readonly BedLookup.BedLookupClient _beds;
    readonly Health.HealthClient _health;
    readonly Metadata _headers = new() { { "x-api-key", GrpcLookupBench.ApiKey } };
    readonly Func<string>? _token;

    /// <param name="token">A fresh access token for Shelter, asked for at the start of each run; without it, no call with a token.</param>
    public GrpcLookups(Uri grpcUrl, Func<string>? token = null)
    {
        _token = token;
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
        var withToken = _token is null ? beds : await _beds.FindBedsAsync(new FindBedsRequest(), Bearer(), cancellationToken: ct);
        if (withToken.Shelters.Count != beds.Shelters.Count)
            throw new BenchException($"FindBeds with a token found {withToken.Shelters.Count} shelters, with a key {beds.Shelters.Count}: the two runs would not time the same work");
        if (beds.Shelters.Count == 0)
            throw new BenchException("FindBeds found no shelter with a free bed in the seeds: the lookup would time an empty answer");
        return beds.Shelters.Count;
    }

    /// <summary>Calls <paramref name="call"/> for <paramref name="length"/> with <paramref name="inFlight"/> callers, each starting its next call when the last answers.</summary>
    public async Task<Timed> RunAsync(string call, int inFlight, TimeSpan length, CancellationToken ct)
    {
        var latencies = new List<double>[inFlight];
        var headers = call == FindBedsWithToken ? Bearer() : _headers;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(100_000);
            while (clock.Elapsed < length)
            {
                var start = Stopwatch.GetTimestamp();
                if (call == HealthCheck)
                    await _health.CheckAsync(new HealthCheckRequest(), headers, cancellationToken: ct);
                else
                    await _beds.FindBedsAsync(new FindBedsRequest(), headers, cancellationToken: ct);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }, ct)));
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).ToArray();
        return new Timed(all.Length, seconds, all);
    }

    Metadata Bearer() => new()
    {
        { "authorization", "Bearer " + (_token ?? throw new InvalidOperationException("these lookups were made without a token source"))() },
    };

    public void Dispose() => _channel.Dispose();
}
