using MassTransit;
using ReferralNet.Contracts.Beds;
using ReferralNet.Shelter.Data;

namespace ReferralNet.Shelter.Beds;

/// <summary>
/// Answers bed boards that ask to catch up by announcing every current count again, once for a
/// burst of requests (<see cref="BedBoardSnapshots"/>). No inbox: a request changes nothing, and
/// one delivered twice is at most answered twice.
/// </summary>
public sealed partial class BedBoardRefreshRequestedConsumer(
    ShelterDbContext db, BedLedger ledger, BedBoardSnapshots snapshots, ILogger<BedBoardRefreshRequestedConsumer> logger) : IConsumer<BedBoardRefreshRequested>
{
    public async Task Consume(ConsumeContext<BedBoardRefreshRequested> context)
    {
        var received = snapshots.Received();
        var ct = context.CancellationToken;
        var published = await snapshots.AnswerAsync(received, async () =>
        {
            await ledger.RepublishAllAsync(ct);
            await db.SaveChangesAsync(ct);
        }, ct);
        if (published)
            LogSnapshot(context.Message.RequestedBy);
        else
            LogCoalesced(context.Message.RequestedBy);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bed counts announced again for the bed board of {RequestedBy}")]
    partial void LogSnapshot(string requestedBy);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Bed board refresh for {RequestedBy} answered by a snapshot already published")]
    partial void LogCoalesced(string requestedBy);
}
