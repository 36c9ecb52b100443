using ReferralNet.Contracts.Beds;

namespace ReferralNet.Portal.Beds;

/// <summary>
/// Bed changes from the broker, handed to every open bed board. Bed counts are not personal data
/// and are published to all services anyway.
/// </summary>
public sealed class BedChanges
{
    public event Action<BedAvailabilityChanged>? Changed;

    public void Publish(BedAvailabilityChanged change) => Changed?.Invoke(change);
}
