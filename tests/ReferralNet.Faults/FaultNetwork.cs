using ReferralNet.Messaging;
using ReferralNet.Testing;

namespace ReferralNet.Faults;

/// <summary>
/// A private RabbitMQ broker (or a cluster of three nodes with quorum queues) and some of the
/// services as separate processes, each on its own SQLite file in a temporary folder. Disposing
/// stops the services before the broker and deletes the folder, unless a failure keeps it.
/// </summary>
sealed class FaultNetwork : IAsyncDisposable
{
    static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(20);

    readonly List<ServiceProcess> _services = [];

    FaultNetwork(string folder) => Folder = folder;

    /// <summary>The services' databases and logs.</summary>
    public string Folder { get; }

    /// <summary>Keeps <see cref="Folder"/> after dispose, to look into a failed run.</summary>
    public bool KeepFolder { get; set; }

    /// <summary>The single broker; null on a cluster.</summary>
    public RabbitMqBroker? Broker { get; private set; }

    /// <summary>The virtual host the services use.</summary>
    public string VirtualHost { get; private set; } = "/";

    /// <summary>The services' broker connection string (the first node's on a cluster).</summary>
    public string ConnectionString { get; private set; } = "";

    bool _brokerShared;

    /// <summary>The cluster; null on a single broker.</summary>
    public RabbitMqCluster? Cluster { get; private set; }

    public ServiceProcess this[string name] => _services.Single(s => s.Name == name);

    public IReadOnlyList<ServiceProcess> Services => _services;

    /// <summary>Starts the broker (or cluster) and <paramref name="services"/>, and waits until all are healthy.</summary>
    /// <param name="perService">Configuration of one service (by name) on top of the rest, e.g. a failpoint.</param>
    /// <param name="sharedBroker">A broker to use in a new virtual host of its own instead of starting one; the network leaves it running.</param>
    public static async Task<FaultNetwork> StartAsync(Checkout checkout, IReadOnlyList<string> services, bool cluster, Action<string> log, CancellationToken ct,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? perService = null, RabbitMqBroker? sharedBroker = null)
    {
        var network = new FaultNetwork(Directory.CreateTempSubdirectory("referralnet-faults-").FullName);
        try
        {
            var settings = new Dictionary<string, string>();
            string connectionString;
            if (cluster)
            {
                network.Cluster = await RabbitMqCluster.StartAsync(3, ct);
                settings[BrokerTopology.ClusterNodesKey] = network.Cluster.ClusterNodes;
                settings[BrokerTopology.QueueTypeKey] = "quorum";
                connectionString = network.Cluster.ConnectionString;
                log($"cluster of {string.Join(", ", network.Cluster.Nodes.Select(n => n.NodeName))} (quorum queues)");
            }
            else if (sharedBroker is not null)
            {
                network.Broker = sharedBroker;
                network._brokerShared = true;
                network.VirtualHost = $"faults-{Path.GetFileName(network.Folder)}";
                connectionString = await sharedBroker.CreateVirtualHostAsync(network.VirtualHost);
                log($"virtual host {network.VirtualHost} of the shared broker {sharedBroker.NodeName}");
            }
            else
            {
                network.Broker = await RabbitMqBroker.StartAsync(ct);
                connectionString = network.Broker.ConnectionString;
                log($"broker {network.Broker.NodeName} on 127.0.0.1:{network.Broker.Port}");
            }
            network.ConnectionString = connectionString;
            foreach (var name in services)
            {
                var own = new Dictionary<string, string>(settings);
                if (perService?.GetValueOrDefault(name) is { } extra)
                    foreach (var (key, value) in extra)
                        own[key] = value;
                network._services.Add(ServiceProcess.Start(name, checkout.ServiceDll(name), connectionString, checkout.SeedsFolder, network.Folder, own));
            }
            await Task.WhenAll(network._services.Select(s => s.WaitUntilHealthyAsync(ct)));
            log($"{string.Join(", ", services)} healthy (logs and databases in {network.Folder})");
            return network;
        }
        catch (Exception e)
        {
            network.KeepFolder = e is not OperationCanceledException;
            await network.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Every queue of the default virtual host with its messages, as a node that runs reports it
    /// (on a cluster, the first node not killed).
    /// </summary>
    public async Task<IReadOnlyList<QueueState>> QueuesAsync()
    {
        if (Broker is not null)
            return await Broker.ListQueuesAsync(VirtualHost);
        Exception? last = null;
        foreach (var node in Cluster!.Nodes)
        {
            try
            {
                return await node.ListQueuesAsync();
            }
            catch (RabbitMqBrokerException e)
            {
                last = e; // that node is down: ask the next
            }
        }
        throw new FaultException($"no node of the cluster answered list_queues: {last?.Message}");
    }

    /// <summary>Never throws: a failure to stop is reported, and the rest is still stopped.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_services.Select(async s =>
        {
            try
            {
                await s.StopAsync(StopGrace);
                await s.DisposeAsync();
            }
            catch (Exception e) { Console.Error.WriteLine($"Could not stop {s.Name} (pid {s.ProcessId}): {e.Message}"); }
        }));
        _services.Clear();
        try
        {
            if (Broker is not null && !_brokerShared) await Broker.DisposeAsync();
            if (Cluster is not null) await Cluster.DisposeAsync();
        }
        catch (Exception e) { Console.Error.WriteLine($"Could not stop the broker: {e.Message}"); }
        if (KeepFolder)
        {
            Console.Error.WriteLine($"The services' logs and databases are kept in {Folder}.");
            return;
        }
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException e) { Console.Error.WriteLine($"Could not delete {Folder}: {e.Message}"); }
    }
}
