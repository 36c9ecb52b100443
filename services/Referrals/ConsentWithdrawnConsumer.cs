using MassTransit;
using ReferralNet.Messaging.Data;
using ReferralNet.Messaging.Inbox;
using ReferralNet.Contracts.Referrals;

namespace ReferralNet.Referrals;

/// <summary>Purges the personal data held under a withdrawn consent and confirms.</summary>
public sealed class ConsentWithdrawnConsumer(ReferralNetDbContext db, ReferralEngine engine) : InboxConsumer<ConsentWithdrawn>(db)
{
    /// <inheritdoc />
    protected override Task HandleAsync(ConsumeContext<ConsentWithdrawn> context) =>
        engine.PurgeAsync(context.Message, context.CancellationToken);
}
