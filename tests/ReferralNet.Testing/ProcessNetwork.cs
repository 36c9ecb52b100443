using System.Diagnostics;
using ReferralNet.Messaging;

namespace ReferralNet.Testing;

/// <summary>
/// A private RabbitMQ broker (or a cluster of three nodes with quorum queues, or a new virtual host
/// on a broker someone else runs), some of the services and optionally the portal, each a process
/// of its own on free loopback ports and its own SQLite file in a temporary folder. Disposing stops
/// the portal, then the services (SIGTERM, then SIGKILL after a grace), then the broker, and deletes
/// the folder unless <see cref="KeepFolder"/> says otherwise.
/// </summary>
public sealed class ProcessNetwork : IAsyncDisposable
{
    static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(20);

    readonly List<ServiceProcess> _services = [];
    readonly Action<string> _log;
    RabbitMqBroker? _ownBroker;

    ProcessNetwork(string folder, Action<string>? log)
    {
        Folder = folder;
        _log = log ?? (_ => { });
    }

    /// <summary>The services' databases and logs.</summary>
    public string Folder { get; }

    /// <summary>Keeps <see cref="Folder"/> after dispose, to look into a failed run. Set when starting fails.</summary>
    public bool KeepFolder { get; set; }

    /// <summary>The single broker (started or shared); null on a cluster.</summary>
    public RabbitMqBroker? Broker { get; private set; }

    /// <summary>The cluster; null on a single broker.</summary>
    public RabbitMqCluster? Cluster { get; private set; }

    /// <summary>The virtual host the services use.</summary>
    public string VirtualHost { get; private set; } = "/";

    /// <summary>The services' broker connection string (the first node's on a cluster).</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>How long the broker (or cluster, or virtual host) took to be ready.</summary>
    public TimeSpan BrokerStartTime { get; private set; }

    /// <summary>How long the services (and the portal) took from their start until all were healthy.</summary>
    public TimeSpan ServicesStartTime { get; private set; }

    /// <summary>The services, in the order they were asked for (the portal is not one of them).</summary>
    public IReadOnlyList<ServiceProcess> Services => _services;

    /// <summary>The portal; null unless <see cref="ProcessNetworkOptions.Portal"/> was asked for.</summary>
    public ServiceProcess? Portal { get; private set; }

    /// <summary>A service by folder name, in any case: <c>network["Shelter"]</c>, <c>network["shelter"]</c>.</summary>
    public ServiceProcess this[string name] => _services.Single(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Starts the broker, the services and the portal asked for, and waits until all are healthy.</summary>
    /// <remarks>If starting fails, everything started is stopped again, the last log lines of each process go to standard error, and the folder is kept (unless cancelled).</remarks>
    public static async Task<ProcessNetwork> StartAsync(ProcessNetworkOptions options, CancellationToken ct)
    {
        var network = new ProcessNetwork(Directory.CreateTempSubdirectory($"referralnet-{options.Name}-").FullName, options.Log);
        try
        {
            var clock = Stopwatch.StartNew();
            var topology = await network.StartBrokerAsync(options, ct);
            network.BrokerStartTime = clock.Elapsed;

            clock.Restart();
            foreach (var name in options.Services)
            {
                var settings = new Dictionary<string, string>(options.Settings ?? new Dictionary<string, string>());
                foreach (var (key, value) in topology.Concat(options.PerService?.GetValueOrDefault(name) ?? new Dictionary<string, string>()))
                    settings[key] = value;
                network._services.Add(network.Start(name, options, settings));
            }
            if (options.Portal)
                network.Portal = network.Start("Portal", options, network.PortalSettings(options.PortalSettings));
            await Task.WhenAll(network.Processes().Select(p => p.WaitUntilHealthyAsync(ct)));
            network.ServicesStartTime = clock.Elapsed;
            foreach (var process in network.Processes())
                network._log($"  {process.Name,-10} pid {process.ProcessId,-7} {process.RestUrl}");
            network._log($"{string.Join(", ", network.Processes().Select(p => p.Name))} healthy in {network.ServicesStartTime.TotalSeconds:0.0} s (logs and databases in {network.Folder})");
            return network;
        }
        catch (Exception e)
        {
            network.KeepFolder = e is not OperationCanceledException;
            if (network.KeepFolder)
                foreach (var process in network.Processes())
                    Console.Error.WriteLine(process.DescribeLog(40));
            await network.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts (or joins) the broker and returns what every service must be told about it.</summary>
    async Task<Dictionary<string, string>> StartBrokerAsync(ProcessNetworkOptions options, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        if (options.Cluster)
        {
            Cluster = await RabbitMqCluster.StartAsync(3, ct);
            ConnectionString = Cluster.ConnectionString;
            _log($"cluster of {string.Join(", ", Cluster.Nodes.Select(n => n.NodeName))} (quorum queues) in {clock.Elapsed.TotalSeconds:0.0} s");
            return new() { [BrokerTopology.ClusterNodesKey] = Cluster.ClusterNodes, [BrokerTopology.QueueTypeKey] = "quorum" };
        }
        if (options.SharedBroker is { } shared)
        {
            Broker = shared;
            VirtualHost = $"{options.Name}-{Path.GetFileName(Folder)}";
            ConnectionString = await shared.CreateVirtualHostAsync(VirtualHost);
            _log($"virtual host {VirtualHost} of the shared broker {shared.NodeName}");
            return [];
        }
        Broker = _ownBroker = await RabbitMqBroker.StartAsync(ct);
        ConnectionString = Broker.ConnectionString;
        _log($"broker {Broker.NodeName} on 127.0.0.1:{Broker.Port} in {clock.Elapsed.TotalSeconds:0.0} s");
        return [];
    }

    ServiceProcess Start(string name, ProcessNetworkOptions options, IReadOnlyDictionary<string, string> settings) =>
        ServiceProcess.Start(name, options.Checkout.ServiceDll(name, options.Configuration), ConnectionString, options.Checkout.SeedsFolder, Folder, settings);

    /// <summary>The portal's own settings, with every service's addresses under ReferralNet:Services:&lt;name in lower case&gt;.</summary>
    Dictionary<string, string> PortalSettings(IReadOnlyDictionary<string, string>? given)
    {
        var settings = new Dictionary<string, string>(given ?? new Dictionary<string, string>());
        foreach (var service in _services)
        {
            var name = service.Name.ToLowerInvariant();
            settings[$"ReferralNet:Services:{name}:Rest"] = service.RestUrl.ToString().TrimEnd('/');
            settings[$"ReferralNet:Services:{name}:Grpc"] = service.GrpcUrl.ToString().TrimEnd('/');
        }
        return settings;
    }

    /// <summary>The services and the portal.</summary>
    IEnumerable<ServiceProcess> Processes() => Portal is null ? _services : [.. _services, Portal];

    /// <summary>
    /// The pid of every process of the network: the services, the portal and the Erlang VM of each
    /// broker node it started (not of a shared broker), e.g. for CPU accounting.
    /// </summary>
    public IReadOnlyList<(string Name, int Id)> ProcessIds()
    {
        var ids = Processes().Select(p => (p.Name, p.ProcessId)).ToList();
        var nodes = Cluster?.Nodes ?? (_ownBroker is null ? [] : [_ownBroker]);
        // The VM is started with -home <data folder>/home; nothing else names that folder.
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (!int.TryParse(Path.GetFileName(entry), out var pid))
                    continue;
                var commandLine = File.ReadAllText(Path.Combine(entry, "cmdline"));
                if (nodes.Any(n => commandLine.Contains(n.DataFolder, StringComparison.Ordinal)))
                    ids.Add(("broker", pid));
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return ids;
    }

    /// <summary>
    /// Every queue of the services' virtual host with its messages, as a node that runs reports it
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
        throw new RabbitMqBrokerException($"no node of the cluster answered list_queues: {last?.Message}");
    }

    /// <summary>Never throws: a failure to stop is reported, and the rest is still stopped.</summary>
    public async ValueTask DisposeAsync()
    {
        // The portal first (it holds circuits open to the services), the broker last.
        if (Portal is not null)
            await StopAsync([Portal]);
        Portal = null;
        if (_services.Count > 0)
        {
            _log("stopping the services (SIGTERM)…");
            await StopAsync(_services);
            _services.Clear();
        }
        try
        {
            if (_ownBroker is not null || Cluster is not null)
                _log("stopping the broker…");
            if (_ownBroker is not null) await _ownBroker.DisposeAsync();
            if (Cluster is not null) await Cluster.DisposeAsync();
        }
        catch (Exception e) { Console.Error.WriteLine($"Could not stop the broker: {e.Message}"); }
        _ownBroker = null;
        Cluster = null;
        if (KeepFolder)
        {
            Console.Error.WriteLine($"The services' logs and databases are kept in {Folder}.");
            return;
        }
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException e) { Console.Error.WriteLine($"Could not delete {Folder}: {e.Message}"); }
    }

    static Task StopAsync(IEnumerable<ServiceProcess> processes) =>
        Task.WhenAll(processes.Select(async p =>
        {
            try
            {
                await p.StopAsync(StopGrace);
                await p.DisposeAsync();
            }
            catch (Exception e) { Console.Error.WriteLine($"Could not stop {p.Name} (pid {p.ProcessId}): {e.Message}"); }
        }));
}
