using ReferralNet.Identity.Tests.Support;
using Xunit;

// One identity service for the tests that only sign in; each such test uses its own seeded account.
[assembly: AssemblyFixture(typeof(IdentityHost))]
