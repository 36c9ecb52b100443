using ReferralNet.Testing;

// Each scenario starts a broker (or three) and up to four service processes, and times a drain:
// on two cores they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

[assembly: AssemblyFixture(typeof(BrokerFixture))]
