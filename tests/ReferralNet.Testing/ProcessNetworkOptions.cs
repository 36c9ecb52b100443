namespace ReferralNet.Testing;

/// <summary>What a <see cref="ProcessNetwork"/> starts: which broker, which services, with what settings.</summary>
public sealed record ProcessNetworkOptions
{
    /// <summary>Shelter, LegalAid, Medical and Vocational: the whole network.</summary>
    public static readonly IReadOnlyList<string> AllServices = ["Shelter", "LegalAid", "Medical", "Vocational"];

    /// <summary>Who starts it (bench, faults, portal-tests): names the temporary folder and a shared broker's virtual host.</summary>
    public required string Name { get; init; }

    /// <summary>The checkout whose built services run.</summary>
    public required Checkout Checkout { get; init; }

    /// <summary>The build configuration of the services' dlls.</summary>
    public string Configuration { get; init; } = "Release";

    /// <summary>The services to start, by folder name.</summary>
    public IReadOnlyList<string> Services { get; init; } = AllServices;

    /// <summary>Also starts the portal, given every service's REST and gRPC address.</summary>
    public bool Portal { get; init; }

    /// <summary>Configuration of the portal on top of its appsettings.json and the services' addresses.</summary>
    public IReadOnlyDictionary<string, string>? PortalSettings { get; init; }

    /// <summary>Three broker nodes joined as one cluster, the services on quorum queues, instead of one broker.</summary>
    public bool Cluster { get; init; }

    /// <summary>A broker to use in a new virtual host of its own instead of starting one; the network leaves it running.</summary>
    public RabbitMqBroker? SharedBroker { get; init; }

    /// <summary>Configuration given to every service on top of its appsettings.json, e.g. ReferralNet:Outbox:PollingInterval.</summary>
    public IReadOnlyDictionary<string, string>? Settings { get; init; }

    /// <summary>Configuration of one service (by name) on top of <see cref="Settings"/>, e.g. a failpoint.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? PerService { get; init; }

    /// <summary>Where progress goes (the broker, each service's pid, stopping); nowhere when null.</summary>
    public Action<string>? Log { get; init; }
}
