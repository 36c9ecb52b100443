using MassTransit;
using ReferralNet.Messaging.Inbox;
using ReferralNet.Contracts.Beds;
using ReferralNet.Shelter.Data;

namespace ReferralNet.Shelter.Beds;

/// <summary>Answers a bed board that asks to catch up by announcing every current count again.</summary>
public sealed class BedBoardRefreshRequestedConsumer(ShelterDbContext db, BedLedger ledger) : InboxConsumer<BedBoardRefreshRequested>(db)
{
    protected override Task HandleAsync(ConsumeContext<BedBoardRefreshRequested> context) =>
        ledger.RepublishAllAsync(context.CancellationToken);
}
