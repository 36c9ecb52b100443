using Grpc.Core;
using ReferralNet.Protos.Shelter.V1;
using ReferralNet.Testing;
using Xunit;

namespace ReferralNet.Shelter.Tests.Beds;

public sealed class Limiting_holds(BrokerFixture broker)
{
    const string OperatorKey = "dev-network-ops-1a5f93";

    [Fact]
    public async Task Stops_one_organisation_holding_more_beds_than_its_share()
    {
        await using var shelter = await RunningShelter.StartAsync(broker, settings: new Dictionary<string, string?> { ["ReferralNet:Beds:MaxActiveHoldsPerOrganisation"] = "2" });
        var ct = TestContext.Current.CancellationToken;
        Task<BedHold> Hold(string key, string referral) => shelter.Lookup.HoldBedAsync(
            new HoldBedRequest { ShelterId = "riverside-refuge", BedType = "women", ReferralId = referral }, RunningShelter.As(key).WithCancellationToken(ct)).ResponseAsync;

        await Hold(ApiKeys.JusticeBridge, "ref-1");
        var second = await Hold(ApiKeys.JusticeBridge, "ref-2");
        var third = await Assert.ThrowsAsync<RpcException>(() => Hold(ApiKeys.JusticeBridge, "ref-3"));

        Assert.Equal(StatusCode.FailedPrecondition, third.StatusCode);
        Assert.Contains("already holds 2 bed(s)", third.Status.Detail);
        // Another organisation is not held back, and releasing one makes room again.
        await Hold(ApiKeys.SafeHaven, "ref-other");
        await shelter.Lookup.ReleaseHoldAsync(new ReleaseHoldRequest { HoldId = second.HoldId }, RunningShelter.As(ApiKeys.JusticeBridge).WithCancellationToken(ct));
        await Hold(ApiKeys.JusticeBridge, "ref-3");
    }

    [Fact]
    public async Task Refuses_holds_by_an_operator()
    {
        await using var shelter = await RunningShelter.StartAsync(broker);

        var refused = await Assert.ThrowsAsync<RpcException>(() => shelter.Lookup.HoldBedAsync(
            new HoldBedRequest { ShelterId = "riverside-refuge", BedType = "women", ReferralId = "ops" },
            RunningShelter.As(OperatorKey).WithCancellationToken(TestContext.Current.CancellationToken)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("operators cannot hold beds", refused.Status.Detail);
    }
}
