using MassTransit;
using ReferralNet.Messaging.Data;
using ReferralNet.Messaging.Inbox;
using ReferralNet.Contracts.Referrals;

namespace ReferralNet.Referrals;

/// <summary>Applies the other side's status change to this side's record.</summary>
public sealed class ReferralStatusChangedConsumer(ReferralNetDbContext db, ReferralEngine engine) : InboxConsumer<ReferralStatusChanged>(db)
{
    /// <inheritdoc />
    protected override Task HandleAsync(ConsumeContext<ReferralStatusChanged> context) =>
        engine.ApplyRemoteStatusAsync(context.Message, context.CancellationToken);
}
