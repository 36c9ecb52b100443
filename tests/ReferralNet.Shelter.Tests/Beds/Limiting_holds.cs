using Grpc.Core;
using ReferralNet.Protos.Shelter.V1;
using ReferralNet.Shelter.Tests.Referrals;
using ReferralNet.Testing;
using Xunit;

namespace ReferralNet.Shelter.Tests.Beds;

public sealed class Limiting_holds(BrokerFixture broker)
{
    const string OperatorKey = "dev-network-ops-1a5f93";

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stops_a_partner_at_a_quarter_of_the_free_beds_and_says_how_many_it_may_hold()
    {
        await using var shelter = await RunningShelter.StartAsync(broker);
        var referrals = new BedReferrals(shelter);
        await referrals.SetCountAsync(ApiKeys.RiversideRefuge, "riverside-refuge", "women", total: 20, occupied: 0);

        // 20 free: a share of 5; after each hold fewer are free, so the fifth is refused at 16 free (a share of 4).
        var held = new List<BedHold>();
        for (var i = 0; i < 4; i++)
            held.Add(await referrals.HoldForNewReferralAsync(ApiKeys.JusticeBridge, "riverside-refuge", "women"));
        var refused = await Assert.ThrowsAsync<RpcException>(() => referrals.HoldForNewReferralAsync(ApiKeys.JusticeBridge, "riverside-refuge", "women"));

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal("organisation 'justice-bridge' already holds 4 'women' bed(s) at shelter 'riverside-refuge', the most it may hold while 16 are free; "
            + "release one or wait for a hold to expire", refused.Status.Detail);
        Assert.Equal(16, (await referrals.CountAsync("riverside-refuge", "women")).Free);
        // Another organisation has a share of its own, and a release makes room again.
        await referrals.HoldForNewReferralAsync(ApiKeys.SafeHaven, "riverside-refuge", "women");
        await shelter.Lookup.ReleaseHoldAsync(new ReleaseHoldRequest { HoldId = held[0].HoldId }, RunningShelter.As(ApiKeys.JusticeBridge).WithCancellationToken(Ct));
        await referrals.HoldForNewReferralAsync(ApiKeys.JusticeBridge, "riverside-refuge", "women");
    }

    [Fact]
    public async Task Never_holds_the_last_free_bed_for_a_partner_but_the_shelters_own_staff_may_hold_it_for_a_referral()
    {
        await using var shelter = await RunningShelter.StartAsync(broker);
        var referrals = new BedReferrals(shelter);
        // safe-haven-family has one accessible bed, and it is free.
        var referral = await referrals.ArriveAsync("safe-haven", "accessible");

        var refused = await Assert.ThrowsAsync<RpcException>(() => referrals.HoldBedAsync(ApiKeys.JusticeBridge, "safe-haven-family", "accessible", referral));
        var byStaff = await referrals.HoldBedAsync(ApiKeys.SafeHaven, "safe-haven-family", "accessible", referral);

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.StartsWith("organisation 'justice-bridge' may not hold the last free 'accessible' bed at shelter 'safe-haven-family': the last free bed is never held for a partner", refused.Status.Detail);
        Assert.Equal(referral, byStaff.ReferralId);
        Assert.Equal(new BedReferrals.Count("accessible", 1, 0, 1, 0), await referrals.CountAsync("safe-haven-family", "accessible"));
        // Accepting the referral fills the bed its hold kept.
        await referrals.MoveAsync(ApiKeys.SafeHaven, referral, "accepted");
        Assert.Equal(Guid.Parse(byStaff.HoldId), (await referrals.PlacementAsync(referral))!.HoldId);
    }

    [Fact]
    public async Task Leaves_the_shelters_own_staff_unlimited_with_or_without_a_referral()
    {
        await using var shelter = await RunningShelter.StartAsync(broker);
        var referrals = new BedReferrals(shelter);

        // riverside-refuge's youth: 3 of 5 free; its staff hold all three.
        for (var i = 0; i < 3; i++)
            await referrals.HoldBedAsync(ApiKeys.RiversideRefuge, "riverside-refuge", "youth", "");

        Assert.Equal(new BedReferrals.Count("youth", 5, 2, 3, 0), await referrals.CountAsync("riverside-refuge", "youth"));
    }

    [Fact]
    public async Task Refuses_holds_by_an_operator()
    {
        await using var shelter = await RunningShelter.StartAsync(broker);

        var refused = await Assert.ThrowsAsync<RpcException>(() => shelter.Lookup.HoldBedAsync(
            new HoldBedRequest { ShelterId = "riverside-refuge", BedType = "women", ReferralId = "rf-0123456789abcdef" },
            RunningShelter.As(OperatorKey).WithCancellationToken(Ct)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("operators cannot hold beds", refused.Status.Detail);
    }
}
