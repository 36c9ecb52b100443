using ReferralNet.Testing;

namespace ReferralNet.Faults;

/// <summary>What every scenario runs with.</summary>
/// <param name="SharedBroker">
/// A broker that scenarios which leave the broker alone may share, each in a virtual host of its
/// own, to save a broker start each; null to start one per scenario.
/// </param>
sealed record ScenarioContext(Checkout Checkout, FaultScale Scale, Action<string> Log, CancellationToken Ct, RabbitMqBroker? SharedBroker = null);
