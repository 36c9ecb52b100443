using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ReferralNet.Messaging.Data;
using ReferralNet.ServiceDefaults;
using ReferralNet.Contracts.Beds;

namespace ReferralNet.BedBoard;

/// <summary>
/// At every start, asks the Shelter service to publish its counts again, so a board that was not
/// listening when they last changed catches up. Goes through the outbox, so a broker that is down
/// at start only delays it; and while a request is still waiting there to be sent, a new start
/// does not ask again (the one waiting is answered with the counts as they are when it arrives).
/// The Shelter service answers a burst of requests from many boards with one snapshot.
/// </summary>
public sealed class BedBoardRefresh(IServiceScopeFactory scopes, IOptions<ReferralNetOptions> options) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralNetDbContext>();
        var requestType = typeof(BedBoardRefreshRequested).FullName;
        if (await db.Outbox.AnyAsync(m => m.MessageType == requestType && m.SentAt == null, cancellationToken))
            return;
        db.AddToOutbox(new BedBoardRefreshRequested(options.Value.ServiceName, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
