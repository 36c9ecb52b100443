using Microsoft.EntityFrameworkCore;
using ReferralNet.Messaging.Tests.Support;
using ReferralNet.Testing;

namespace ReferralNet.Messaging.Tests.Data;

public sealed class Sqlite_settings(BrokerFixture broker)
{
    // PRAGMA synchronous answers 2 for FULL and 1 for NORMAL.
    [Theory]
    [InlineData(null, 2)]
    [InlineData("FULL", 2)]
    [InlineData("normal", 1)]
    public async Task Every_connection_runs_with_the_configured_synchronous_setting(string? synchronous, int expected)
    {
        var connectionString = await broker.NewVirtualHostAsync();
        await using var host = await MessagingHost.StartAsync(
            connectionString, settings: new Dictionary<string, string?> { ["ReferralNet:Sqlite:Synchronous"] = synchronous });

        var actual = await host.QueryAsync(db => db.Database.SqlQueryRaw<int>("PRAGMA synchronous").ToListAsync());

        Assert.Equal([expected], actual);
    }

    [Fact]
    public async Task An_unknown_synchronous_setting_stops_the_service_with_a_message_naming_the_setting()
    {
        var connectionString = await broker.NewVirtualHostAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => MessagingHost.StartAsync(
            connectionString, settings: new Dictionary<string, string?> { ["ReferralNet:Sqlite:Synchronous"] = "OFF" }));

        Assert.Contains("ReferralNet:Sqlite:Synchronous", error.Message);
        Assert.Contains("FULL", error.Message);
    }
}
