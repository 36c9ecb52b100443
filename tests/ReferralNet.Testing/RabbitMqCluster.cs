namespace ReferralNet.Testing;

/// <summary>
/// A private RabbitMQ cluster on this machine: several <see cref="RabbitMqBroker"/> nodes, each
/// with its own ports, node name and data folder, sharing one Erlang cookie, joined to the first
/// node. Quorum queues declared on it are replicated over its nodes, so one node may be killed
/// (<see cref="RabbitMqBroker.KillAsync"/> on <see cref="Nodes"/>) without losing a message.
/// </summary>
public sealed class RabbitMqCluster : IAsyncDisposable
{
    RabbitMqCluster(IReadOnlyList<RabbitMqBroker> nodes) => Nodes = nodes;

    /// <summary>The nodes, the first being the one the others joined.</summary>
    public IReadOnlyList<RabbitMqBroker> Nodes { get; }

    /// <summary>
    /// host:port of every node, comma-separated: the value for the services'
    /// <c>ReferralNet:Messaging:ClusterNodes</c>.
    /// </summary>
    public string ClusterNodes => string.Join(",", Nodes.Select(n => $"127.0.0.1:{n.Port}"));

    /// <summary>A connection string for the default virtual host of the first node, as the test administrator.</summary>
    public string ConnectionString => Nodes[0].ConnectionString;

    /// <summary>
    /// Starts <paramref name="size"/> nodes side by side and joins every other node to the first;
    /// returns once all of them run as one cluster.
    /// </summary>
    /// <exception cref="RabbitMqBrokerException">A node did not start or could not join; the message says which and why.</exception>
    public static async Task<RabbitMqCluster> StartAsync(int size = 3, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        var cookie = RabbitMqBroker.NewCookie();
        // One set of passwords: the nodes share their users, and each loads its definitions at every boot.
        var credentials = RabbitMqBroker.NewCredentials();
        var ports = FreePort.Next(2 * size);
        var starting = Enumerable.Range(0, size).Select(i => RabbitMqBroker.StartAsync(ports[2 * i], ports[2 * i + 1], ct, cookie: cookie, credentials: credentials)).ToList();
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var node in starting.Where(s => s.IsCompletedSuccessfully))
                await node.Result.DisposeAsync();
            throw;
        }
        var cluster = new RabbitMqCluster(starting.Select(s => s.Result).ToList());
        try
        {
            var first = cluster.Nodes[0];
            foreach (var node in cluster.Nodes.Skip(1))
            {
                await node.ControlAsync(["stop_app"], ct);
                await node.ControlAsync(["join_cluster", first.NodeName], ct);
                await node.ControlAsync(["start_app"], ct);
            }
            var status = await first.ControlAsync(["cluster_status", "--formatter", "json"], ct);
            var missing = cluster.Nodes.Where(n => !status.Contains(n.NodeName, StringComparison.Ordinal)).Select(n => n.NodeName).ToList();
            if (missing.Count > 0)
                throw new RabbitMqBrokerException($"nodes {string.Join(", ", missing)} are not in the cluster of {first.NodeName} after joining it: {status}");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills every node and deletes their folders.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
            await node.DisposeAsync();
    }
}
