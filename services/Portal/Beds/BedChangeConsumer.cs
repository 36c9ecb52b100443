using MassTransit;
using ReferralNet.Contracts.Beds;

namespace ReferralNet.Portal.Beds;

/// <summary>
/// The portal's own copy of every bed change (queue <c>portal-bed-availability-changed</c>), pushed
/// to open bed boards over their circuits. The portal consumes nothing else: referrals go point to
/// point to the services only.
/// </summary>
public sealed class BedChangeConsumer(BedChanges changes) : IConsumer<BedAvailabilityChanged>
{
    public Task Consume(ConsumeContext<BedAvailabilityChanged> context)
    {
        changes.Publish(context.Message);
        return Task.CompletedTask;
    }
}
