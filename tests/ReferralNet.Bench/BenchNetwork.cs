using System.Diagnostics;
using ReferralNet.Testing;

namespace ReferralNet.Bench;

/// <summary>
/// A private RabbitMQ broker and the four services as separate processes, each on its own temporary
/// SQLite file, all on that broker and the repository's seeds. Disposing stops the services
/// (SIGTERM, then SIGKILL) before the broker, and deletes the temporary folder.
/// </summary>
sealed class BenchNetwork : IAsyncDisposable
{
    public static readonly string[] ServiceNames = ["Shelter", "LegalAid", "Medical", "Vocational"];
    static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(20);

    readonly List<ServiceProcess> _services = [];
    RabbitMqBroker? _broker;

    BenchNetwork(string folder) => Folder = folder;

    /// <summary>Holds the services' databases and logs while they run.</summary>
    public string Folder { get; }

    /// <summary>Keeps the folder (service logs) after dispose, to look into a failed run.</summary>
    public bool KeepFolder { get; set; }

    public TimeSpan BrokerStartTime { get; private set; }

    /// <summary>The private broker's amqp:// URI, for the bench's own connections.</summary>
    public string BrokerConnectionString => _broker?.ConnectionString ?? throw new InvalidOperationException("the broker is not running");

    public TimeSpan ServicesStartTime { get; private set; }

    /// <summary>The bench, the services and the broker's Erlang VM: whose CPU time counts as ours.</summary>
    public IReadOnlyList<(string Name, int Id)> Processes()
    {
        var ids = new List<(string, int)> { ("bench", Environment.ProcessId) };
        ids.AddRange(_services.Select(s => (s.Name, s.ProcessId)));
        if (_broker is not null)
        {
            // The VM is started with -home <data folder>/home; nothing else names that folder.
            foreach (var entry in Directory.EnumerateDirectories("/proc"))
            {
                try
                {
                    if (int.TryParse(Path.GetFileName(entry), out var pid) && File.ReadAllText(Path.Combine(entry, "cmdline")).Contains(_broker.DataFolder, StringComparison.Ordinal))
                        ids.Add(("broker", pid));
                }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
        }
        return ids;
    }

    public ServiceProcess this[string name] => _services.Single(s => s.Name == name);

    /// <param name="settings">Configuration given to every service on top of its appsettings.json, e.g. ReferralNet:Outbox:PollingInterval.</param>
    public static async Task<BenchNetwork> StartAsync(Checkout repository, IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        var network = new BenchNetwork(Directory.CreateTempSubdirectory("referralnet-bench-").FullName);
        try
        {
            var clock = Stopwatch.StartNew();
            Console.WriteLine("Starting a private RabbitMQ broker…");
            network._broker = await RabbitMqBroker.StartAsync(ct);
            network.BrokerStartTime = clock.Elapsed;
            Console.WriteLine($"  broker {network._broker.NodeName} on 127.0.0.1:{network._broker.Port} in {network.BrokerStartTime.TotalSeconds:0.0} s");

            clock.Restart();
            Console.WriteLine($"Starting {string.Join(", ", ServiceNames)} as separate processes (logs and databases in {network.Folder})…");
            foreach (var name in ServiceNames)
                network._services.Add(ServiceProcess.Start(name, repository.ServiceDll(name), network._broker.ConnectionString, repository.SeedsFolder, network.Folder, settings));
            await Task.WhenAll(network._services.Select(s => s.WaitUntilHealthyAsync(ct)));
            network.ServicesStartTime = clock.Elapsed;
            foreach (var service in network._services)
                Console.WriteLine($"  {service.Name,-10} pid {service.ProcessId,-7} {service.RestUrl}");
            Console.WriteLine($"  all healthy in {network.ServicesStartTime.TotalSeconds:0.0} s");
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
    /// Starts the network, runs <paramref name="measure"/> on it and stops it again, recording the
    /// broker start, services start and shutdown in <paramref name="phaseSeconds"/>. A failed run
    /// keeps the services' logs; a cancelled one does not.
    /// </summary>
    public static async Task<T> RunAsync<T>(
        Checkout repository, IReadOnlyDictionary<string, string> settings, IDictionary<string, double> phaseSeconds,
        Func<BenchNetwork, Task<T>> measure, CancellationToken ct)
    {
        var network = await StartAsync(repository, settings, ct);
        try
        {
            phaseSeconds["broker start"] = network.BrokerStartTime.TotalSeconds;
            phaseSeconds["services start"] = network.ServicesStartTime.TotalSeconds;
            return await measure(network);
        }
        catch (Exception e)
        {
            network.KeepFolder = e is not OperationCanceledException;
            throw;
        }
        finally
        {
            var stopping = Stopwatch.StartNew();
            await network.DisposeAsync();
            phaseSeconds["shutdown"] = stopping.Elapsed.TotalSeconds;
        }
    }

    /// <summary>Never throws: a failure to stop is reported, and the rest is still stopped.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_services.Count > 0)
        {
            Console.WriteLine("Stopping the services (SIGTERM)…");
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
        }
        if (_broker is not null)
        {
            Console.WriteLine("Stopping the broker…");
            try { await _broker.DisposeAsync(); }
            catch (Exception e) { Console.Error.WriteLine($"Could not stop the broker {_broker.NodeName}: {e.Message}"); }
            _broker = null;
        }
        if (KeepFolder)
        {
            Console.Error.WriteLine($"The services' logs and databases are kept in {Folder}.");
            return;
        }
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException e) { Console.Error.WriteLine($"Could not delete {Folder}: {e.Message}"); }
    }
}
