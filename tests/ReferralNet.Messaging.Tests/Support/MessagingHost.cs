using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;
using ReferralNet.Messaging.Data;
using ReferralNet.Messaging;
using ReferralNet.Contracts.Beds;
using ReferralNet.Testing;

namespace ReferralNet.Messaging.Tests.Support;

/// <summary>
/// A service as the building blocks make it — database with outbox relay, MassTransit on the given
/// broker, the counting consumer — without any service's own code.
/// </summary>
public sealed class MessagingHost : IAsyncDisposable
{
    public const string TestSourceName = "ReferralNet.Tests";

    readonly IHost _host;
    readonly string _folder;

    MessagingHost(IHost host, string folder, SpanCollection spans)
    {
        _host = host;
        _folder = folder;
        Spans = spans;
    }

    public IServiceProvider Services => _host.Services;
    public Received Received => Services.GetRequiredService<Received>();

    /// <summary>Deliveries whose consume has finished, by message id: the marker before asserting a copy had no effect.</summary>
    public FinishedDeliveries Deliveries => Services.GetRequiredService<FinishedDeliveries>();

    /// <summary>Spans exported in this process while the host ran.</summary>
    public SpanCollection Spans { get; }

    public static async Task<MessagingHost> StartAsync(string brokerConnectionString, TimeSpan? pollingInterval = null, Action<IBusRegistrationConfigurator>? consumers = null, string? postgresConnectionString = null, string? serviceName = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var folder = Directory.CreateTempSubdirectory("referralnet-bb-").FullName;
        // The sample messages are bed events, which only Shelter may publish (their validated
        // user_id is checked against the organisation's service): the host plays Shelter, with
        // every permission on the test's own virtual host, its queues keeping their bbtest names.
        if (new Uri(brokerConnectionString).UserInfo.StartsWith(RabbitMqBroker.AdminName + ":", StringComparison.Ordinal))
            brokerConnectionString = await RabbitMqBroker.AsAccountWithEveryPermissionAsync(brokerConnectionString, "shelter");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = brokerConnectionString,
            ["ReferralNet:ServiceName"] = "bbtest",
            ["ReferralNet:DatabasePath"] = Path.Combine(folder, "test.db"),
            ["ReferralNet:Outbox:PollingInterval"] = (pollingInterval ?? TimeSpan.FromSeconds(1)).ToString(),
            ["ReferralNet:Outbox:SendTimeout"] = "00:00:03",
            ["ReferralNet:Outbox:MaxRetryDelay"] = "00:00:01",
            ["ReferralNet:PostgresConnectionString"] = postgresConnectionString,
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<Received>();
        builder.Services.AddSingleton(new ReferralNet.ServiceDefaults.Identity.OrganisationDirectory(SeededOrganisations.All));
        FinishedDeliveries.AddTo(builder.Services);
        configure?.Invoke(builder.Services);
        // The name the relay reports its metrics under; queue names keep the fixed "bbtest" prefix.
        if (serviceName is not null)
            builder.Services.Configure<ReferralNet.ServiceDefaults.ReferralNetOptions>(o => o.ServiceName = serviceName);
        builder.AddReferralNetDatabase<TestDbContext>();
        builder.AddOutboxRelay<TestDbContext>();
        builder.AddReferralNetMessaging(consumers ?? (bus => bus.AddConsumer<CountingConsumer>()));
        var spans = new SpanCollection();
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing
            .AddSource("MassTransit", "ReferralNet", TestSourceName)
            .AddInMemoryExporter(spans));

        var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<TestDbContext>().Database.EnsureCreatedAsync();
        await host.StartAsync();
        return new MessagingHost(host, folder, spans);
    }

    /// <summary>Writes one bed change to the outbox in its own transaction, as a service would.</summary>
    public async Task<Guid> WriteToOutboxAsync(string shelterId, long version = 1)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        var row = db.AddToOutbox(Change(shelterId, version));
        await db.SaveChangesAsync();
        return row.MessageId;
    }

    public async Task<T> QueryAsync<T>(Func<TestDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TestDbContext>());
    }

    public static BedAvailabilityChanged Change(string shelterId, long version = 1, int free = 3) =>
        new(shelterId, "Test Shelter", "harbour-house", "test-area", "women", 10, 10 - free, 0, free, version, DateTimeOffset.UtcNow);

    public async ValueTask DisposeAsync()
    {
        try { await _host.StopAsync(TimeSpan.FromSeconds(10)); }
        finally
        {
            _host.Dispose();
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        }
    }
}
