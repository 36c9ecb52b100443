using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralNet.BedBoard;
using ReferralNet.Messaging.Data;
using ReferralNet.Contracts.Beds;
using ReferralNet.Testing;

namespace ReferralNet.BedBoard.Tests;

/// <summary>The bed board's consumer, in process (MassTransit's in-memory test harness).</summary>
public sealed class Bed_board : IAsyncLifetime
{
    readonly string _folder = Directory.CreateTempSubdirectory("referralnet-board-").FullName;
    ServiceProvider _services = null!;
    ITestHarness _harness = null!;

    public async ValueTask InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddDbContext<BoardDbContext>(db => db.UseSqlite($"Data Source={Path.Combine(_folder, "board.db")}"));
        services.AddScoped<ReferralNetDbContext>(sp => sp.GetRequiredService<BoardDbContext>());
        FinishedDeliveries.AddTo(services);
        services.AddMassTransitTestHarness(bus => bus.AddConsumer<BedAvailabilityChangedConsumer>());
        _services = services.BuildServiceProvider(true);
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<BoardDbContext>().Database.EnsureCreatedAsync();
        _harness = _services.GetRequiredService<ITestHarness>();
        await _harness.Start();
    }

    public async ValueTask DisposeAsync()
    {
        await _harness.Stop();
        await _services.DisposeAsync();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    [Fact]
    public async Task Shows_the_newest_count_of_each_shelter_and_bed_type()
    {
        await PublishAndConsumeAsync(Change("s1", "women", version: 1, free: 4));
        await PublishAndConsumeAsync(Change("s1", "family", version: 1, free: 1));
        await PublishAndConsumeAsync(Change("s1", "women", version: 2, free: 3));

        var board = await BoardAsync();
        Assert.Equal(2, board.Count);
        Assert.Equal(3, board.Single(e => e.BedType == "women").Free);
        Assert.Equal(1, board.Single(e => e.BedType == "family").Free);
    }

    [Fact]
    public async Task Ignores_a_change_older_than_the_one_it_holds()
    {
        await PublishAndConsumeAsync(Change("s2", "men", version: 5, free: 0));
        await PublishAndConsumeAsync(Change("s2", "men", version: 4, free: 7));

        var entry = Assert.Single(await BoardAsync());
        Assert.Equal(5, entry.Version);
        Assert.Equal(0, entry.Free);
    }

    [Fact]
    public async Task Applies_a_copy_of_a_message_it_already_consumed_no_more()
    {
        var messageId = Guid.NewGuid();
        await _harness.Bus.Publish(Change("s3", "youth", version: 1, free: 2), c => c.MessageId = messageId);
        await WaitForInboxAsync(messageId);
        // Same id, other content (as a copy never has): only the inbox can keep it out.
        await _harness.Bus.Publish(Change("s3", "youth", version: 2, free: 9), c => c.MessageId = messageId);
        // Both deliveries finished (the copy applied or skipped): a second effect would be saved by now.
        // Not the harness's inactivity, a quiet period that can pass before the copy is received.
        await _services.GetRequiredService<FinishedDeliveries>().WaitForAsync(messageId, deliveries: 2, TimeSpan.FromSeconds(10));

        var entry = Assert.Single(await BoardAsync());
        Assert.Equal(2, entry.Free);
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BoardDbContext>();
        Assert.Equal(1, await db.Inbox.CountAsync(m => m.MessageId == messageId && m.Consumer == nameof(BedAvailabilityChangedConsumer)));
    }

    async Task PublishAndConsumeAsync(BedAvailabilityChanged change)
    {
        var messageId = Guid.NewGuid();
        await _harness.Bus.Publish(change, c => c.MessageId = messageId);
        await WaitForInboxAsync(messageId);
    }

    async Task WaitForInboxAsync(Guid messageId)
    {
        // The inbox record commits with the consumer's effects: once it is there, so are they.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await InboxHoldsAsync(messageId))
        {
            Assert.True(DateTime.UtcNow < deadline, "the bed board did not consume the change within 10 s");
            await Task.Delay(10);
        }
    }

    async Task<bool> InboxHoldsAsync(Guid messageId)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BoardDbContext>().Inbox.AnyAsync(m => m.MessageId == messageId);
    }

    async Task<List<BedBoardEntry>> BoardAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BoardDbContext>().Set<BedBoardEntry>().AsNoTracking().ToListAsync();
    }

    static BedAvailabilityChanged Change(string shelterId, string bedType, long version, int free) =>
        new(shelterId, "Shelter " + shelterId, "org", "area", bedType, 10, 10 - free, 0, free, version, DateTimeOffset.UtcNow);
}
