using MassTransit;
using ReferralNet.Messaging.Data;
using ReferralNet.Messaging.Inbox;
using ReferralNet.Contracts.Beds;

namespace ReferralNet.Messaging.Tests.Support;

/// <summary>Adds one to the shelter's counter per message: a second effect of the same message would show.</summary>
public sealed class CountingConsumer(ReferralNetDbContext db, Received received) : InboxConsumer<BedAvailabilityChanged>(db)
{
    protected override async Task HandleAsync(ConsumeContext<BedAvailabilityChanged> context)
    {
        var counters = Db.Set<EffectCounter>();
        var counter = await counters.FindAsync([context.Message.ShelterId], context.CancellationToken);
        if (counter is null)
            counters.Add(counter = new EffectCounter { Id = context.Message.ShelterId });
        counter.Count++;
        received.Add(context.MessageId!.Value, context.Message);
    }
}
