using MassTransit;
using ReferralNet.Messaging.Data;
using ReferralNet.Messaging.Inbox;
using ReferralNet.Contracts.Referrals;

namespace ReferralNet.Referrals;

/// <summary>Records that the recipient's service has the referral.</summary>
public sealed class ReferralReceivedConsumer(ReferralNetDbContext db, ReferralEngine engine) : InboxConsumer<ReferralReceived>(db)
{
    /// <inheritdoc />
    protected override Task HandleAsync(ConsumeContext<ReferralReceived> context) =>
        engine.ConfirmReceiptAsync(context.Message, context.CancellationToken);
}
