using System.Diagnostics;
using Microsoft.AspNetCore.TestHost;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using ReferralNet.LegalAid.Data;
using ReferralNet.Medical.Data;
using ReferralNet.ServiceDefaults.Identity;
using ReferralNet.Shelter.Data;
using ReferralNet.Vocational.Data;

namespace ReferralNet.Testing;

/// <summary>
/// The four services in this process (TestServer), each on its own SQLite file, all on one fresh
/// virtual host of the test broker: the network the end-to-end and bad-input tests run against.
/// </summary>
public sealed class InProcessNetwork : IAsyncDisposable
{
    /// <summary>The service names, in the order <see cref="Servers"/> and the telemetry lists use.</summary>
    public static readonly IReadOnlyList<string> ServiceNames = ["shelter", "legalaid", "medical", "vocational"];

    // Every service publishes its public sealing key here, and senders seal to what they find.
    readonly string _keys = Directory.CreateTempSubdirectory("referralnet-keys-").FullName;

    InProcessNetwork(string brokerConnectionString, IReadOnlyDictionary<string, string?>? settings)
    {
        BrokerConnectionString = brokerConnectionString;
        var shared = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["ReferralNet:Keys:Directory"] = _keys };
        Shelter = new(brokerConnectionString, shared);
        LegalAid = new(brokerConnectionString, shared);
        Medical = new(brokerConnectionString, shared);
        Vocational = new(brokerConnectionString, shared);
    }

    /// <summary>The folder of the services' public sealing keys (<c>&lt;service&gt;.pub</c>).</summary>
    public string KeysFolder => _keys;

    /// <summary>The virtual host the four services share; a test's own queues go here too.</summary>
    public string BrokerConnectionString { get; }

    public ServiceHost<ShelterDbContext> Shelter { get; }
    public ServiceHost<LegalAidDbContext> LegalAid { get; }
    public ServiceHost<MedicalDbContext> Medical { get; }
    public ServiceHost<VocationalDbContext> Vocational { get; }

    /// <summary>Starts the four services (database, seeds, bus) and returns once each answers.</summary>
    /// <param name="settings">Configuration given to every service, e.g. a failpoint.</param>
    public static async Task<InProcessNetwork> StartAsync(BrokerFixture broker, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var network = new InProcessNetwork(await broker.NewVirtualHostAsync(), settings);
        try
        {
            // Touching Server starts a host; it blocks while MassTransit connects, so keep it off the test thread.
            await Task.Run(() => network.Servers());
            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    /// <summary>Each service's test server, in the order of <see cref="ServiceNames"/>.</summary>
    public IReadOnlyList<(string Service, TestServer Server)> Servers() =>
        [("shelter", Shelter.Server), ("legalaid", LegalAid.Server), ("medical", Medical.Server), ("vocational", Vocational.Server)];

    /// <summary>A client signed in as <paramref name="organisation"/> at the service that hosts its kind (operators: at Shelter).</summary>
    public HttpClient ClientFor(Organisation organisation) => organisation.Kind switch
    {
        OrganisationKinds.LegalAid => LegalAid.ClientFor(organisation.ApiKey),
        OrganisationKinds.Medical => Medical.ClientFor(organisation.ApiKey),
        OrganisationKinds.Vocational => Vocational.ClientFor(organisation.ApiKey),
        _ => Shelter.ClientFor(organisation.ApiKey),
    };

    /// <summary>A service's own services (its bus, its database), by service name.</summary>
    public IServiceProvider ServicesOf(string service) => service switch
    {
        "shelter" => Shelter.Services,
        "legalaid" => LegalAid.Services,
        "medical" => Medical.Services,
        "vocational" => Vocational.Services,
        _ => throw new ArgumentException($"there is no service '{service}'; use one of: {string.Join(", ", ServiceNames)}", nameof(service)),
    };

    /// <summary>
    /// Every span exported in this process. The activity listener is process-wide, so one host's
    /// exporter holds every host's spans (and those of other tests running alongside).
    /// </summary>
    public IReadOnlyList<Activity> Spans() => Shelter.Spans.Snapshot();

    /// <summary>Each host's own log records.</summary>
    public IReadOnlyList<(string Service, IReadOnlyList<LogRecord> Logs)> Logs() =>
        [("shelter", Shelter.Logs.Snapshot()), ("legalaid", LegalAid.Logs.Snapshot()), ("medical", Medical.Logs.Snapshot()), ("vocational", Vocational.Logs.Snapshot())];

    /// <summary>Each host's metrics, exported now.</summary>
    public IReadOnlyList<(string Service, IReadOnlyList<MetricSnapshot> Metrics)> Metrics()
    {
        Shelter.FlushMetrics();
        LegalAid.FlushMetrics();
        Medical.FlushMetrics();
        Vocational.FlushMetrics();
        return [("shelter", Shelter.Metrics.Snapshot()), ("legalaid", LegalAid.Metrics.Snapshot()), ("medical", Medical.Metrics.Snapshot()), ("vocational", Vocational.Metrics.Snapshot())];
    }

    public async ValueTask DisposeAsync()
    {
        await Shelter.DisposeAsync();
        await LegalAid.DisposeAsync();
        await Medical.DisposeAsync();
        await Vocational.DisposeAsync();
        try { Directory.Delete(_keys, recursive: true); }
        catch (IOException) { }
    }
}
