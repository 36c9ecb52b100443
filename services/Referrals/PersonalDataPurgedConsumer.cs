using MassTransit;
using ReferralNet.Messaging.Data;
using ReferralNet.Messaging.Inbox;
using ReferralNet.Contracts.Referrals;

namespace ReferralNet.Referrals;

/// <summary>Records a recipient's confirmation that it purged.</summary>
public sealed class PersonalDataPurgedConsumer(ReferralNetDbContext db, ReferralEngine engine) : InboxConsumer<PersonalDataPurged>(db)
{
    /// <inheritdoc />
    protected override Task HandleAsync(ConsumeContext<PersonalDataPurged> context) =>
        engine.ConfirmPurgeAsync(context.Message, context.CancellationToken);
}
