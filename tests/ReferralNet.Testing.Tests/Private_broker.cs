using System.Net;
using System.Net.Sockets;
using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Xunit;

namespace ReferralNet.Testing.Tests;

public sealed class Private_broker(BrokerFixture fixture)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Accepts_a_connection_and_hands_back_a_persistent_message()
    {
        const string queue = "accepts-a-connection";
        await using var connection = await ConnectAsync(fixture.Broker.ConnectionString);
        await using var channel = await OpenConfirmingChannelAsync(connection);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: Ct);

        await PublishPersistentAsync(channel, queue, "bed needed tonight");

        Assert.Equal("bed needed tonight", await GetTextAsync(channel, queue));
    }

    [Fact]
    public async Task Keeps_a_persistent_message_across_a_kill_and_restart()
    {
        // A broker of its own: killing the shared one would break tests running beside this one.
        await using var broker = await RabbitMqBroker.StartAsync(Ct);
        const string queue = "survives-a-crash";
        await using (var connection = await ConnectAsync(broker.ConnectionString))
        await using (var channel = await OpenConfirmingChannelAsync(connection))
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: Ct);
            await PublishPersistentAsync(channel, queue, "referral r-1 sent");
        }

        await broker.KillAsync();

        await Assert.ThrowsAsync<BrokerUnreachableException>(() => ConnectAsync(broker.ConnectionString));
        Assert.False(await AcceptsTcpAsync(broker.Port));

        await broker.StartAgainAsync(Ct);

        await using var again = await ConnectAsync(broker.ConnectionString);
        await using var channelAgain = await again.CreateChannelAsync(cancellationToken: Ct);
        Assert.Equal("referral r-1 sent", await GetTextAsync(channelAgain, queue));
    }

    [Fact]
    public async Task Lists_the_queues_of_one_virtual_host_with_their_messages_and_type()
    {
        var connectionString = await fixture.NewVirtualHostAsync();
        var virtualHost = Uri.UnescapeDataString(new Uri(connectionString).AbsolutePath.TrimStart('/'));
        await using var connection = await ConnectAsync(connectionString);
        await using var channel = await OpenConfirmingChannelAsync(connection);
        await channel.QueueDeclareAsync("two-waiting", durable: true, exclusive: false, autoDelete: false, cancellationToken: Ct);
        await channel.QueueDeclareAsync("replicated", durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: Ct);
        await PublishPersistentAsync(channel, "two-waiting", "one");
        await PublishPersistentAsync(channel, "two-waiting", "two");

        var queues = await fixture.Broker.ListQueuesAsync(virtualHost);

        Assert.Equal(
            [new QueueState("replicated", 0, "quorum"), new QueueState("two-waiting", 2, "classic")],
            queues.OrderBy(q => q.Name));
    }

    [Fact]
    public async Task Keeps_two_virtual_hosts_apart()
    {
        const string queue = "everything-on-the-fanout";
        await using var first = await ConnectAsync(await fixture.NewVirtualHostAsync());
        await using var second = await ConnectAsync(await fixture.NewVirtualHostAsync());
        await using var firstChannel = await OpenConfirmingChannelAsync(first);
        await using var secondChannel = await OpenConfirmingChannelAsync(second);
        foreach (var channel in new[] { firstChannel, secondChannel })
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: Ct);
            await channel.QueueBindAsync(queue, "amq.fanout", routingKey: "", cancellationToken: Ct);
        }

        await secondChannel.BasicPublishAsync(
            "amq.fanout", "", mandatory: true, new BasicProperties { Persistent = true },
            Encoding.UTF8.GetBytes("only for the second"), Ct);

        Assert.Equal(0u, await firstChannel.MessageCountAsync(queue, Ct));
        Assert.Null(await firstChannel.BasicGetAsync(queue, autoAck: true, Ct));
        Assert.Equal("only for the second", await GetTextAsync(secondChannel, queue));
    }

    [Fact]
    public async Task Stops_gracefully_and_leaves_no_process_or_folder_behind()
    {
        await using var broker = await RabbitMqBroker.StartAsync(Ct);
        var folder = broker.DataFolder;
        Assert.True(Directory.Exists(folder));
        Assert.NotEmpty(ErlangVmsUsing(folder));

        await broker.StopAsync();

        Assert.False(await AcceptsTcpAsync(broker.Port));
        Assert.Empty(ErlangVmsUsing(folder));

        await broker.DisposeAsync();

        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task Names_the_taken_port_and_shows_its_log_when_it_cannot_listen()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<RabbitMqBrokerException>(
            () => RabbitMqBroker.StartAsync(taken, FreePort.Next(), Ct));

        Assert.Contains("eaddrinuse", error.Message);
        Assert.Contains($"lines of {Path.GetTempPath()}", error.Message);
        Assert.True(error.PortWasTaken);
    }

    [Fact]
    public async Task Fails_fast_and_says_why_when_its_distribution_port_is_taken()
    {
        using var squatter = new TcpListener(IPAddress.Any, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RabbitMqBrokerException>(
            () => RabbitMqBroker.StartAsync(FreePort.Next(), taken, Ct));

        Assert.Contains("dist_port_already_used", error.Message);
        Assert.True(error.PortWasTaken);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
    }

    static Task<IConnection> ConnectAsync(string connectionString) =>
        new ConnectionFactory
        {
            Uri = new Uri(connectionString),
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
            AutomaticRecoveryEnabled = false,
        }.CreateConnectionAsync(Ct);

    static Task<IChannel> OpenConfirmingChannelAsync(IConnection connection) =>
        connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            Ct);

    // With confirm tracking on, this returns only once the broker has taken responsibility for
    // the message (for a persistent one in a durable queue: written it to disk).
    static async Task PublishPersistentAsync(IChannel channel, string queue, string text) =>
        await channel.BasicPublishAsync(
            "", queue, mandatory: true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes(text), Ct);

    static async Task<string?> GetTextAsync(IChannel channel, string queue)
    {
        var result = await channel.BasicGetAsync(queue, autoAck: true, Ct);
        return result is null ? null : Encoding.UTF8.GetString(result.Body.Span);
    }

    static async Task<bool> AcceptsTcpAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, Ct);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // Live Erlang VMs (not zombies) whose command line mentions the broker's folder.
    static List<int> ErlangVmsUsing(string folder)
    {
        var pids = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var zombie = stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
                if (!zombie
                    && File.ReadAllText($"/proc/{pid}/comm").StartsWith("beam", StringComparison.Ordinal)
                    && File.ReadAllText($"/proc/{pid}/cmdline").Contains(folder, StringComparison.Ordinal))
                {
                    pids.Add(pid);
                }
            }
            catch (IOException)
            {
                // Exited while we looked.
            }
        }
        return pids;
    }
}
