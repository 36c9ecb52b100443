using ReferralNet.Portal.Tests;

// One network (broker, four services, portal) and one Chromium for the whole assembly; the browser
// tests run one after another, so two cores are not shared between browsers.
[assembly: AssemblyFixture(typeof(PortalNetwork))]
[assembly: CollectionBehavior(DisableTestParallelization = true)]
