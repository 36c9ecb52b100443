using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReferralNet.BedBoard;
using ReferralNet.Contracts.Beds;
using ReferralNet.Messaging.Data;
using ReferralNet.ServiceDefaults;

namespace ReferralNet.BedBoard.Tests;

/// <summary>The bed board's request for a refresh at start (<see cref="BedBoardRefresh"/>), against its own database's outbox.</summary>
public sealed class Asking_for_a_refresh : IAsyncLifetime
{
    readonly string _folder = Directory.CreateTempSubdirectory("referralnet-board-").FullName;
    ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddDbContext<BoardDbContext>(db => db.UseSqlite($"Data Source={Path.Combine(_folder, "board.db")}"));
        services.AddScoped<ReferralNetDbContext>(sp => sp.GetRequiredService<BoardDbContext>());
        _services = services.BuildServiceProvider(true);
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BoardDbContext>().Database.EnsureCreatedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    [Fact]
    public async Task Asks_once_while_its_request_waits_to_be_sent_and_again_once_it_was_sent()
    {
        var refresh = new BedBoardRefresh(_services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new ReferralNetOptions { ServiceName = "legalaid" }));

        // Two starts while the broker is down: the first request still waits in the outbox.
        await refresh.StartAsync(TestContext.Current.CancellationToken);
        await refresh.StartAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, await RequestsAsync(sent: false));

        // Once it went out, a later start asks again.
        await InDatabaseAsync(db => db.Outbox.ExecuteUpdateAsync(m => m.SetProperty(r => r.SentAt, DateTimeOffset.UtcNow), TestContext.Current.CancellationToken));
        await refresh.StartAsync(TestContext.Current.CancellationToken);
        Assert.Equal((1, 1), (await RequestsAsync(sent: true), await RequestsAsync(sent: false)));
    }

    Task<int> RequestsAsync(bool sent) => InDatabaseAsync(db => db.Outbox.CountAsync(
        m => m.MessageType == typeof(BedBoardRefreshRequested).FullName && (m.SentAt != null) == sent, TestContext.Current.CancellationToken));

    async Task<T> InDatabaseAsync<T>(Func<BoardDbContext, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<BoardDbContext>());
    }
}
