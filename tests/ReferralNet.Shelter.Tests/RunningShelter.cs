using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using ReferralNet.Messaging.Data;
using ReferralNet.Contracts.Beds;
using ReferralNet.Protos.Shelter.V1;
using ReferralNet.Shelter.Beds;
using ReferralNet.Shelter.Data;
using ReferralNet.Testing;

namespace ReferralNet.Shelter.Tests;

/// <summary>
/// The Shelter service in this process, seeded from seeds/, on its own SQLite file and a fresh
/// virtual host of the assembly's broker, optionally on a clock the test moves.
/// </summary>
public sealed class RunningShelter : IAsyncDisposable
{
    readonly ServiceHost<ShelterDbContext> _host;
    readonly WebApplicationFactory<ShelterDbContext> _app;
    readonly GrpcChannel _channel;

    RunningShelter(ServiceHost<ShelterDbContext> host, WebApplicationFactory<ShelterDbContext> app, QueryPause pause, string virtualHost)
    {
        _host = host;
        VirtualHost = virtualHost;
        _app = app;
        Pause = pause;
        _channel = GrpcChannel.ForAddress(app.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = app.Server.CreateHandler() });
        Lookup = new BedLookup.BedLookupClient(_channel);
    }

    /// <summary>Starts the service and returns once it answers (its bus connected, its seeds loaded).</summary>
    public static async Task<RunningShelter> StartAsync(BrokerFixture broker, TimeProvider? clock = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var virtualHost = await broker.NewVirtualHostAsync();
        var host = new ServiceHost<ShelterDbContext>(virtualHost, settings);
        try
        {
            var pause = new QueryPause();
            var app = host.WithWebHostBuilder(web => web.ConfigureTestServices(services =>
            {
                services.ConfigureDbContext<ShelterDbContext>((_, db) => db.AddInterceptors(pause));
                if (clock is not null)
                    services.AddSingleton(clock);
            }));
            // Touching Server starts the host; it blocks while MassTransit connects, so keep it off the test thread.
            await Task.Run(() => app.Server);
            return new RunningShelter(host, app, pause, virtualHost);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>The test administrator's connection string of the service's own virtual host.</summary>
    public string VirtualHost { get; }

    /// <summary>Holds one of the service's queries when a test arms it.</summary>
    public QueryPause Pause { get; }

    /// <summary>The gRPC bed lookups; pass <see cref="As"/> to call on behalf of an organisation.</summary>
    public BedLookup.BedLookupClient Lookup { get; }

    /// <summary>Call options that sign a gRPC call in with an organisation's API key.</summary>
    public static CallOptions As(string apiKey) => new(new Metadata { { "x-api-key", apiKey } });

    /// <summary>An HTTP client that signs in with the given key, or with none.</summary>
    /// <summary>Mapped REST routes missing from the OpenAPI document.</summary>
    public Task<IReadOnlyList<string>> UndocumentedRoutesAsync() => _app.UndocumentedRoutesAsync(Xunit.TestContext.Current.CancellationToken);

    public HttpClient ClientFor(string? apiKey)
    {
        var client = _app.CreateClient();
        if (apiKey is not null)
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>Exports what the service's meters hold now; returns every metric snapshot exported so far, oldest first.</summary>
    public IReadOnlyList<MetricSnapshot> FlushMetrics()
    {
        _app.Services.GetService<MeterProvider>()?.ForceFlush();
        return _host.Metrics.Snapshot();
    }

    /// <summary>Reads the service's own database, in a scope of its own.</summary>
    public async Task<T> ReadDatabaseAsync<T>(Func<ShelterDbContext, Task<T>> read)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<ShelterDbContext>());
    }

    /// <summary>Every BedAvailabilityChanged in the outbox for one bed type of one shelter, sent or not, oldest first.</summary>
    public Task<List<BedAvailabilityChanged>> AnnouncementsAsync(string shelterId, string bedType) =>
        ReadDatabaseAsync(async db =>
        {
            var bodies = await db.Outbox.AsNoTracking()
                .Where(m => m.MessageType == typeof(BedAvailabilityChanged).FullName)
                .OrderBy(m => m.Sequence)
                .Select(m => m.Body)
                .ToListAsync();
            return bodies
                .Select(body => JsonSerializer.Deserialize<BedAvailabilityChanged>(body, ReferralNetDbContext.MessageJson)!)
                .Where(e => e.ShelterId == shelterId && e.BedType == bedType)
                .ToList();
        });

    /// <summary>Runs something against the service's own services, in a scope of its own.</summary>
    public async Task InScopeAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }

    /// <summary>The version of one bed type's inventory row.</summary>
    public Task<long> VersionAsync(string shelterId, string bedType) =>
        ReadDatabaseAsync(db => db.Beds.AsNoTracking()
            .Where(b => b.ShelterId == shelterId && b.BedType == bedType)
            .Select(b => b.Version)
            .SingleAsync());

    /// <summary>Runs one hold-expiry sweep now, as the background sweep would.</summary>
    public async Task<int> ExpireHoldsAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BedLedger>().ExpireHoldsAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        // Disposes the factory derived from it too, then deletes the database folder.
        await _host.DisposeAsync();
    }
}
