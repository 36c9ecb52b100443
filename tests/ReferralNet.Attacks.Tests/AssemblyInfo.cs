using ReferralNet.Testing;

[assembly: AssemblyFixture(typeof(BrokerFixture))]
