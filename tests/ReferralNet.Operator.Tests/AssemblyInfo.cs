using ReferralNet.Operator.Tests.Support;
using Xunit;

[assembly: AssemblyFixture(typeof(ManagedBroker))]
