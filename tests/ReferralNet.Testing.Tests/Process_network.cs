using System.Net;
using Xunit;

namespace ReferralNet.Testing.Tests;

public sealed class Process_network(BrokerFixture fixture)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Runs_a_service_in_its_own_virtual_host_then_stops_it_and_deletes_its_folder_but_leaves_a_shared_broker_running()
    {
        var lines = new List<string>();
        var network = await ProcessNetwork.StartAsync(new ProcessNetworkOptions
        {
            Name = "testing-tests",
            Checkout = Checkout.Find(),
            Configuration = Checkout.ConfigurationOf(typeof(Process_network).Assembly),
            Services = ["Shelter"],
            SharedBroker = fixture.Broker,
            Log = line => { lock (lines) lines.Add(line); },
        }, Ct);
        var shelter = network["shelter"];
        var pid = shelter.ProcessId;
        var folder = network.Folder;
        try
        {
            using var http = new HttpClient { BaseAddress = shelter.RestUrl };
            using var health = await http.GetAsync("/health", Ct);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.NotEqual("/", network.VirtualHost);
            // Shelter's consumers are bound in the network's own virtual host.
            Assert.NotEmpty(await network.QueuesAsync());
            Assert.Contains(("Shelter", shelter.ProcessId), network.ProcessIds());
            Assert.True(File.Exists(shelter.DatabasePath));
            Assert.StartsWith(folder, shelter.DatabasePath, StringComparison.Ordinal);
        }
        finally
        {
            await network.DisposeAsync();
        }

        Assert.False(Directory.Exists($"/proc/{pid}"), $"Shelter (pid {pid}) still runs after the network was disposed");
        Assert.False(Directory.Exists(folder));
        Assert.Contains(lines, l => l.Contains($"pid {pid}", StringComparison.Ordinal));
        // The shared broker is someone else's: it still answers (list_queues throws if it is down).
        await fixture.Broker.ListQueuesAsync(network.VirtualHost);
    }
}
