using ReferralNet.Testing;
using Xunit;

[assembly: AssemblyFixture(typeof(BrokerFixture))]
