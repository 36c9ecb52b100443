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
/// at start only delays it.
/// </summary>
public sealed class BedBoardRefresh(IServiceScopeFactory scopes, IOptions<ReferralNetOptions> options) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralNetDbContext>();
        db.AddToOutbox(new BedBoardRefreshRequested(options.Value.ServiceName, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
