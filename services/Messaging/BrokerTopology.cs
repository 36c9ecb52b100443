using Microsoft.Extensions.Configuration;
using ReferralNet.ServiceDefaults;

namespace ReferralNet.Messaging;

/// <summary>
/// Where the broker runs and how durable its queues are, from <c>ReferralNet:Messaging</c>:
/// <c>ClusterNodes</c>, the nodes of a RabbitMQ cluster as comma-separated <c>host:port</c>
/// (the connection string then gives only the virtual host and credentials), and
/// <c>QueueType</c>, <c>classic</c> (the default) or <c>quorum</c> (replicated over the cluster's
/// nodes, so a queue survives losing a node).
/// </summary>
/// <param name="ClusterNodes">host:port of each node, in the order to try; empty for a single broker.</param>
/// <param name="QuorumQueues">Whether the service's queues are declared as quorum queues.</param>
public sealed record BrokerTopology(IReadOnlyList<string> ClusterNodes, bool QuorumQueues)
{
    /// <summary>The configuration key of the cluster's nodes.</summary>
    public const string ClusterNodesKey = ReferralNetOptions.Section + ":Messaging:ClusterNodes";

    /// <summary>The configuration key of the queue type.</summary>
    public const string QueueTypeKey = ReferralNetOptions.Section + ":Messaging:QueueType";

    /// <summary>
    /// Reads the topology. A queue's type is fixed when it is first declared: RabbitMQ refuses to
    /// declare an existing classic queue as quorum, so switch on a new broker or cluster.
    /// </summary>
    /// <exception cref="InvalidOperationException">A node is not host:port or the queue type is unknown; the message names the key and the value.</exception>
    public static BrokerTopology From(IConfiguration configuration)
    {
        var nodes = new List<string>();
        foreach (var node in (configuration[ClusterNodesKey] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (node.Split(':') is not [{ Length: > 0 } host, var port] || !int.TryParse(port, out var number) || number is < 1 or > 65535
                || Uri.CheckHostName(host) == UriHostNameType.Unknown)
            {
                throw new InvalidOperationException(
                    $"{ClusterNodesKey}: '{node}' is not a node address; give each node as host:port (e.g. 127.0.0.1:5672), separated by commas");
            }
            nodes.Add(node);
        }
        var quorum = (configuration[QueueTypeKey] ?? "classic").Trim().ToLowerInvariant() switch
        {
            "classic" or "" => false,
            "quorum" => true,
            var other => throw new InvalidOperationException($"{QueueTypeKey}: '{other}' is not a queue type; use 'classic' or 'quorum'"),
        };
        return new BrokerTopology(nodes, quorum);
    }
}
