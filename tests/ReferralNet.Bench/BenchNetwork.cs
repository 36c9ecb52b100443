using System.Diagnostics;
using ReferralNet.Testing;

namespace ReferralNet.Bench;

/// <summary>
/// The bench's network: a <see cref="ProcessNetwork"/> of a private broker and the four services,
/// each on its own temporary SQLite file and the repository's seeds, with the start and stop timed.
/// </summary>
static class BenchNetwork
{
    public static IReadOnlyList<string> ServiceNames => ProcessNetworkOptions.AllServices;

    /// <summary>The bench, the services and the broker's Erlang VM: whose CPU time counts as ours.</summary>
    public static IReadOnlyList<(string Name, int Id)> Processes(this ProcessNetwork network) =>
        [("bench", Environment.ProcessId), .. network.ProcessIds()];

    /// <summary>
    /// Starts the network, runs <paramref name="measure"/> on it and stops it again, recording the
    /// broker start, services start and shutdown in <paramref name="phaseSeconds"/>. A failed run
    /// keeps the services' logs; a cancelled one does not.
    /// </summary>
    /// <param name="settings">Configuration given to every service on top of its appsettings.json, e.g. ReferralNet:Outbox:PollingInterval.</param>
    public static async Task<T> RunAsync<T>(
        Checkout repository, IReadOnlyDictionary<string, string> settings, IDictionary<string, double> phaseSeconds,
        Func<ProcessNetwork, Task<T>> measure, CancellationToken ct)
    {
        Console.WriteLine($"Starting a private RabbitMQ broker and {string.Join(", ", ServiceNames)} as separate processes…");
        // One organisation drives thousands of calls a second here: lift its rate limit (the limiter
        // still runs) unless --set gives one.
        var withLimits = new Dictionary<string, string>(settings);
        withLimits.TryAdd("ReferralNet:RateLimits:PerOrganisationPerSecond", "100000");
        withLimits.TryAdd("ReferralNet:RateLimits:PerOrganisationBurst", "200000");
        var network = await ProcessNetwork.StartAsync(
            new ProcessNetworkOptions { Name = "bench", Checkout = repository, Settings = withLimits, Log = line => Console.WriteLine("  " + line) }, ct);
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
}
