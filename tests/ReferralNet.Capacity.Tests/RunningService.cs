using System.Net.Http.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralNet.Capacity;
using ReferralNet.Messaging.Data;
using ReferralNet.Referrals;
using ReferralNet.Referrals.Receiving;
using ReferralNet.Contracts.Referrals;
using ReferralNet.Testing;

namespace ReferralNet.Capacity.Tests;

/// <summary>
/// A service with counted capacity (LegalAid, Medical, Vocational) in this process, seeded from
/// seeds/, on its own SQLite file and a fresh virtual host of the assembly's broker.
/// </summary>
public sealed class RunningService<TContext> : IAsyncLifetime where TContext : ReferralNetDbContext
{
    readonly BrokerFixture _broker;
    readonly IReadOnlyDictionary<string, string?>? _settings;
    ServiceHost<TContext>? _host;

    public RunningService(BrokerFixture broker) : this(broker, settings: null) { }

    /// <summary>A service started with extra <paramref name="settings"/> (e.g. a <see cref="TestAuthority"/>'s).</summary>
    internal RunningService(BrokerFixture broker, IReadOnlyDictionary<string, string?>? settings)
    {
        _broker = broker;
        _settings = settings;
    }

    ServiceHost<TContext> Host => _host ?? throw new InvalidOperationException("xunit has not initialised the fixture yet");

    /// <summary>A gRPC channel to the service.</summary>
    public GrpcChannel Channel { get; private set; } = null!;

    /// <summary>Call options that sign a gRPC call in with an organisation's API key.</summary>
    public static CallOptions As(string apiKey) => new(new Metadata { { "x-api-key", apiKey } }, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>The service's virtual host on the assembly's broker.</summary>
    public string BrokerConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        BrokerConnectionString = await _broker.NewVirtualHostAsync();
        _host = new ServiceHost<TContext>(BrokerConnectionString, _settings);
        // Touching Server starts the host; it blocks while MassTransit connects, so keep it off the test thread.
        var server = await Task.Run(() => _host.Server);
        Channel = GrpcChannel.ForAddress(server.BaseAddress, new GrpcChannelOptions { HttpHandler = server.CreateHandler() });
    }

    /// <summary>An HTTP client that signs in with the given key.</summary>
    public HttpClient ClientFor(string apiKey) => Host.ClientFor(apiKey);

    /// <summary>An HTTP client that sends no credential of its own.</summary>
    public HttpClient AnonymousClient() => Host.CreateClient();

    /// <summary>Mapped REST routes missing from the OpenAPI document.</summary>
    public Task<IReadOnlyList<string>> UndocumentedRoutesAsync() => Host.UndocumentedRoutesAsync(TestContext.Current.CancellationToken);

    /// <summary>Runs <paramref name="work"/> in a scope of its own, as one request would.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>Reads the service's database in a scope of its own.</summary>
    public Task<T> ReadAsync<T>(Func<TContext, Task<T>> read) =>
        InScopeAsync(services => read(services.GetRequiredService<TContext>()));

    /// <summary>Simulates a referral arriving from <paramref name="from"/>, as the consumer would store it.</summary>
    public Task<string> ReceiveReferralAsync(string from, string to, string service) =>
        InScopeAsync(async services =>
        {
            var id = $"rf-{Guid.NewGuid():N}"[..19];
            var now = DateTimeOffset.UtcNow;
            await services.GetRequiredService<ReferralRequestedConsumer>().ApplyAsync(new ReferralRequested(
                id, from, to, service, "urgent", new ReferralNeeds(["en"], 0, false), false,
                now, now.AddHours(24), null, null, [], null), CancellationToken.None);
            await services.GetRequiredService<TContext>().SaveChangesAsync();
            return id;
        });

    /// <summary>Sets one offering's counts directly in the database, so a test does not depend on what other tests took.</summary>
    public Task SetCountsAsync(string organisationId, string service, int total, int inUse) =>
        ReadAsync(db => db.Set<Offering>()
            .Where(o => o.OrganisationId == organisationId && o.Service == service)
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.Total, total).SetProperty(o => o.InUse, inUse)));

    /// <summary>One offering as the database holds it now.</summary>
    public Task<Offering> OfferingAsync(string organisationId, string service) =>
        ReadAsync(db => db.Set<Offering>().AsNoTracking().SingleAsync(o => o.OrganisationId == organisationId && o.Service == service));

    /// <summary>The unit a referral took, if any.</summary>
    public Task<CapacityTaking?> TakingAsync(string organisationId, string referralId) =>
        ReadAsync(db => db.Set<CapacityTaking>().AsNoTracking().FirstOrDefaultAsync(t => t.OrganisationId == organisationId && t.ReferralId == referralId));

    /// <summary>Sets a referral's status as the recipient organisation.</summary>
    public Task<HttpResponseMessage> SetStatusAsync(string apiKey, string referralId, string status) =>
        ClientFor(apiKey).PostAsJsonAsync($"/api/referrals/{referralId}/status", new { status }, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        Channel?.Dispose();
        if (_host is not null)
            await _host.DisposeAsync();
    }
}
