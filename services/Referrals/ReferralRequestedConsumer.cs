using MassTransit;
using ReferralNet.Messaging.Data;
using ReferralNet.Messaging.Inbox;
using ReferralNet.Contracts.Referrals;

namespace ReferralNet.Referrals;

/// <summary>Stores a referral sent to one of this service's organisations and confirms receipt.</summary>
public sealed class ReferralRequestedConsumer(ReferralNetDbContext db, ReferralEngine engine) : InboxConsumer<ReferralRequested>(db)
{
    /// <inheritdoc />
    protected override Task HandleAsync(ConsumeContext<ReferralRequested> context) =>
        engine.ReceiveAsync(context.Message, context.CancellationToken);
}
