using Microsoft.Extensions.Configuration;
using ReferralNet.Messaging;

namespace ReferralNet.Messaging.Tests;

public sealed class Broker_topology
{
    static BrokerTopology Read(string? nodes = null, string? queueType = null) =>
        BrokerTopology.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [BrokerTopology.ClusterNodesKey] = nodes,
            [BrokerTopology.QueueTypeKey] = queueType,
        }).Build());

    [Fact]
    public void Is_one_broker_with_classic_queues_when_nothing_is_configured()
    {
        var topology = Read();
        Assert.Empty(topology.ClusterNodes);
        Assert.False(topology.QuorumQueues);
    }

    [Fact]
    public void Lists_the_cluster_nodes_in_the_order_given()
    {
        var topology = Read(" 127.0.0.1:5673, rabbit-2.internal:5674 ,localhost:5675", "quorum");
        Assert.Equal(["127.0.0.1:5673", "rabbit-2.internal:5674", "localhost:5675"], topology.ClusterNodes);
        Assert.True(topology.QuorumQueues);
    }

    [Theory]
    [InlineData("classic", false)]
    [InlineData("Quorum", true)]
    [InlineData(" quorum ", true)]
    public void Reads_the_queue_type_in_any_case(string queueType, bool quorum) =>
        Assert.Equal(quorum, Read(queueType: queueType).QuorumQueues);

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("amqp://127.0.0.1:5672")]
    [InlineData(":5672")]
    [InlineData("bad host:5672")]
    public void Refuses_a_node_that_is_not_host_and_port(string node)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read($"127.0.0.1:5672,{node}"));
        Assert.Equal($"ReferralNet:Messaging:ClusterNodes: '{node}' is not a node address; give each node as host:port (e.g. 127.0.0.1:5672), separated by commas", error.Message);
    }

    [Fact]
    public void Refuses_an_unknown_queue_type()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(queueType: "stream"));
        Assert.Equal("ReferralNet:Messaging:QueueType: 'stream' is not a queue type; use 'classic' or 'quorum'", error.Message);
    }
}
