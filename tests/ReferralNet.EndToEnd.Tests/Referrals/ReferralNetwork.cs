using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using ReferralNet.ServiceDefaults.Identity;
using ReferralNet.Testing;

namespace ReferralNet.EndToEnd.Tests.Referrals;

/// <summary>
/// The four services on a virtual host of their own, shared by the tests of one class (each test
/// makes its own survivors and referrals, so they do not see one another's), with each seeded
/// organisation's desk at the service that hosts it.
/// </summary>
public sealed class ReferralNetwork(BrokerFixture broker) : IAsyncLifetime
{
    Network? network;

    public Network Hosts => network ?? throw new InvalidOperationException("the network has not started yet");

    /// <summary>The virtual host the four services share; a test's tap queues go here too.</summary>
    public string BrokerConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        BrokerConnectionString = await broker.NewVirtualHostAsync();
        network = new Network
        {
            Shelter = new(BrokerConnectionString),
            LegalAid = new(BrokerConnectionString),
            Medical = new(BrokerConnectionString),
            Vocational = new(BrokerConnectionString),
        };
        // Creating the server starts the host: database, seeds, bus.
        _ = network.Shelter.Server;
        _ = network.LegalAid.Server;
        _ = network.Medical.Server;
        _ = network.Vocational.Server;
    }

    /// <summary>A seeded organisation's staff at the service that hosts its kind (operators: at Shelter).</summary>
    public Desk Desk(string organisationId)
    {
        var organisation = SeededOrganisations.Find(organisationId);
        return new Desk(organisation.Id, ClientFor(organisation));
    }

    public HttpClient ClientFor(Organisation organisation) => organisation.Kind switch
    {
        OrganisationKinds.LegalAid => Hosts.LegalAid.ClientFor(organisation.ApiKey),
        OrganisationKinds.Medical => Hosts.Medical.ClientFor(organisation.ApiKey),
        OrganisationKinds.Vocational => Hosts.Vocational.ClientFor(organisation.ApiKey),
        _ => Hosts.Shelter.ClientFor(organisation.ApiKey),
    };

    /// <summary>A service's bus, to put messages on the broker as that service would.</summary>
    public IBus BusOf(string service) => ServicesOf(service).GetRequiredService<IBus>();

    IServiceProvider ServicesOf(string service) => service switch
    {
        "shelter" => Hosts.Shelter.Services,
        "legalaid" => Hosts.LegalAid.Services,
        "medical" => Hosts.Medical.Services,
        "vocational" => Hosts.Vocational.Services,
        _ => throw new ArgumentException($"there is no service '{service}'", nameof(service)),
    };

    /// <summary>
    /// Every span exported in this process. The activity listener is process-wide, so one host's
    /// exporter holds every host's spans (and those of other test classes running alongside).
    /// </summary>
    public IReadOnlyList<Activity> Spans() => Hosts.Shelter.Spans.Snapshot();

    /// <summary>Each host's own log records.</summary>
    public IEnumerable<(string Service, IReadOnlyList<LogRecord> Logs)> Logs() =>
    [
        ("shelter", Hosts.Shelter.Logs.Snapshot()),
        ("legalaid", Hosts.LegalAid.Logs.Snapshot()),
        ("medical", Hosts.Medical.Logs.Snapshot()),
        ("vocational", Hosts.Vocational.Logs.Snapshot()),
    ];

    /// <summary>Each host's metrics, exported now.</summary>
    public IEnumerable<(string Service, IReadOnlyList<MetricSnapshot> Metrics)> Metrics()
    {
        Hosts.Shelter.FlushMetrics();
        Hosts.LegalAid.FlushMetrics();
        Hosts.Medical.FlushMetrics();
        Hosts.Vocational.FlushMetrics();
        return
        [
            ("shelter", Hosts.Shelter.Metrics.Snapshot()),
            ("legalaid", Hosts.LegalAid.Metrics.Snapshot()),
            ("medical", Hosts.Medical.Metrics.Snapshot()),
            ("vocational", Hosts.Vocational.Metrics.Snapshot()),
        ];
    }

    /// <summary>Waits until a consumer has finished with <paramref name="count"/> deliveries of this message id.</summary>
    public Task ConsumedAsync(Guid messageId, int count, string what) =>
        Eventually.HoldsAsync(() => Spans().Count(s => s.Kind == ActivityKind.Consumer
            && s.TagObjects.Any(t => t.Key == "messaging.message.id" && t.Value?.ToString() == messageId.ToString())) >= count, what);

    public async ValueTask DisposeAsync()
    {
        if (network is not null)
            await network.DisposeAsync();
    }
}
