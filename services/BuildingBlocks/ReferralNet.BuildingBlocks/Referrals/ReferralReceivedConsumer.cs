using MassTransit;
using ReferralNet.BuildingBlocks.Data;
using ReferralNet.BuildingBlocks.Inbox;
using ReferralNet.Contracts.Referrals;

namespace ReferralNet.BuildingBlocks.Referrals;

/// <summary>Records that the recipient's service has the referral.</summary>
public sealed class ReferralReceivedConsumer(ReferralNetDbContext db, ReferralEngine engine) : InboxConsumer<ReferralReceived>(db)
{
    /// <inheritdoc />
    protected override Task HandleAsync(ConsumeContext<ReferralReceived> context) =>
        engine.ConfirmReceiptAsync(context.Message, context.CancellationToken);
}
