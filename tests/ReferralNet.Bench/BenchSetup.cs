using ReferralNet.Testing;

namespace ReferralNet.Bench;

/// <summary>What every mode starts from: the checkout, where its results go, and the services' <c>--set</c> configuration.</summary>
sealed record BenchSetup(Checkout Repository, string Output, IReadOnlyDictionary<string, string> Settings);
