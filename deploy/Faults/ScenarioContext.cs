using ReferralNet.Testing;

namespace ReferralNet.Faults;

/// <summary>What every scenario runs with.</summary>
sealed record ScenarioContext(Checkout Checkout, FaultScale Scale, Action<string> Log, CancellationToken Ct);
