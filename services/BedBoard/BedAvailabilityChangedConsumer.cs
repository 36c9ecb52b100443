using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReferralNet.Messaging.Data;
using ReferralNet.Messaging.Inbox;
using ReferralNet.Contracts.Beds;

namespace ReferralNet.BedBoard;

/// <summary>
/// Keeps this service's bed board up to date. Events may arrive out of order or twice: an event
/// older than what the board holds is ignored, and the inbox drops redeliveries.
/// </summary>
public sealed class BedAvailabilityChangedConsumer(ReferralNetDbContext db) : InboxConsumer<BedAvailabilityChanged>(db)
{
    /// <inheritdoc />
    protected override async Task HandleAsync(ConsumeContext<BedAvailabilityChanged> context)
    {
        var change = context.Message;
        var board = Db.Set<BedBoardEntry>();
        var entry = await board.FindAsync([change.ShelterId, change.BedType], context.CancellationToken);
        if (entry is null)
        {
            entry = new BedBoardEntry { ShelterId = change.ShelterId, BedType = change.BedType };
            board.Add(entry);
        }
        else if (entry.Version >= change.Version)
        {
            return;
        }

        entry.ShelterName = change.ShelterName;
        entry.OrganisationId = change.OrganisationId;
        entry.Area = change.Area;
        entry.Total = change.Total;
        entry.Occupied = change.Occupied;
        entry.Held = change.Held;
        entry.Free = change.Free;
        entry.Version = change.Version;
        entry.ChangedAt = change.ChangedAt;
        entry.ReceivedAt = DateTimeOffset.UtcNow;
    }
}
