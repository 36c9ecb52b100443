using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralNet.Contracts.Beds;
using ReferralNet.Shelter.Beds;
using ReferralNet.Testing;
using Xunit;

namespace ReferralNet.Shelter.Tests.Beds;

/// <summary>Bed boards asking the Shelter service to announce its counts again, through the broker.</summary>
public sealed class Refreshing_bed_boards(BrokerFixture broker)
{
    const int Burst = 20;

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_burst_of_requests_is_answered_with_one_snapshot()
    {
        await using var shelter = await RunningShelter.StartAsync(broker);
        var snapshots = await SnapshotsAsync(shelter);
        var inventory = await shelter.ReadDatabaseAsync(db => db.Beds.CountAsync(Ct));
        var before = await AnnouncedAsync(shelter);

        await PublishAsync(shelter, Enumerable.Range(1, Burst).Select(i => new BedBoardRefreshRequested("legalaid", DateTimeOffset.UtcNow)));
        await Eventually.HoldsAsync(() => snapshots.Requests >= Burst, $"the shelter answers all {Burst} requests");

        Assert.Equal(1, snapshots.Snapshots);
        Assert.Equal(inventory, await AnnouncedAsync(shelter) - before);
    }

    [Fact]
    public async Task A_request_received_after_a_snapshot_gets_a_snapshot_of_its_own()
    {
        await using var shelter = await RunningShelter.StartAsync(broker);
        var snapshots = await SnapshotsAsync(shelter);
        var inventory = await shelter.ReadDatabaseAsync(db => db.Beds.CountAsync(Ct));
        var before = await AnnouncedAsync(shelter);

        await PublishAsync(shelter, [new BedBoardRefreshRequested("legalaid", DateTimeOffset.UtcNow)]);
        await Eventually.HoldsAsync(() => snapshots.Requests >= 1, "the shelter answers the first request");
        await PublishAsync(shelter, [new BedBoardRefreshRequested("medical", DateTimeOffset.UtcNow)]);
        await Eventually.HoldsAsync(() => snapshots.Requests >= 2, "the shelter answers the second request");

        Assert.Equal(2, snapshots.Snapshots);
        Assert.Equal(2 * inventory, await AnnouncedAsync(shelter) - before);
    }

    static async Task<BedBoardSnapshots> SnapshotsAsync(RunningShelter shelter)
    {
        BedBoardSnapshots? found = null;
        await shelter.InScopeAsync(services =>
        {
            found = services.GetRequiredService<BedBoardSnapshots>();
            return Task.CompletedTask;
        });
        return found!;
    }

    // As the bed board of the service named in each request, with that service's own broker account:
    // the Shelter answers only requests its sender's account may make.
    static async Task PublishAsync(RunningShelter shelter, IEnumerable<BedBoardRefreshRequested> requests)
    {
        var exchange = $"{typeof(BedBoardRefreshRequested).Namespace}:{nameof(BedBoardRefreshRequested)}";
        var sent = await Task.WhenAll(requests.Select(r => EnvelopePublisher.PublishAsync(
            RabbitMqBroker.AsAccount(shelter.VirtualHost, r.RequestedBy), [exchange], r, r.RequestedBy, Ct)));
        Assert.All(sent, id => Assert.NotNull(id));
    }

    static Task<int> AnnouncedAsync(RunningShelter shelter) =>
        shelter.ReadDatabaseAsync(db => db.Outbox.CountAsync(m => m.MessageType == typeof(BedAvailabilityChanged).FullName, Ct));
}
