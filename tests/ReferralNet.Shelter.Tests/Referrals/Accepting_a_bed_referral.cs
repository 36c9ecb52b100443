using System.Net;
using Microsoft.EntityFrameworkCore;
using ReferralNet.Referrals;
using ReferralNet.Protos.Shelter.V1;
using ReferralNet.Shelter.Beds;
using Xunit;

namespace ReferralNet.Shelter.Tests.Referrals;

public sealed class Accepting_a_bed_referral(SharedShelter fixture) : IClassFixture<SharedShelter>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    RunningShelter Shelter => fixture.Shelter;

    BedReferrals Referrals => new(fixture.Shelter);

    [Fact]
    public async Task Occupies_a_free_bed_records_the_placement_and_announces_it()
    {
        var before = await Referrals.CountAsync("riverside-refuge", "women");
        var versionBefore = await Shelter.VersionAsync("riverside-refuge", "women");
        var referral = await Referrals.ArriveAsync("riverside-refuge", "women");

        await Referrals.MoveAsync(ApiKeys.RiversideRefuge, referral, "accepted");

        Assert.Equal("accepted", await Referrals.StatusAsync(ApiKeys.RiversideRefuge, referral));
        var after = await Referrals.CountAsync("riverside-refuge", "women");
        Assert.Equal(before with { Occupied = before.Occupied + 1, Free = before.Free - 1 }, after);
        var placement = await Referrals.PlacementAsync(referral);
        Assert.NotNull(placement);
        Assert.Equal(("riverside-refuge", "riverside-refuge", "women", (Guid?)null, (DateTimeOffset?)null),
            (placement.OrganisationId, placement.ShelterId, placement.BedType, placement.HoldId, placement.EndedAt));
        var announced = Assert.Single(await Shelter.AnnouncementsAsync("riverside-refuge", "women"), e => e.Version > versionBefore);
        Assert.Equal((after.Total, after.Occupied, after.Held, after.Free), (announced.Total, announced.Occupied, announced.Held, announced.Free));
    }

    [Fact]
    public async Task Consumes_the_hold_the_referral_carries_and_fills_that_bed()
    {
        var referral = await Referrals.ArriveAsync("harbour-house", "women");
        var hold = await Referrals.HoldBedAsync(ApiKeys.JusticeBridge, "harbour-house-main", "women", referral);
        var held = await Referrals.CountAsync("harbour-house-main", "women");
        var versionHeld = await Shelter.VersionAsync("harbour-house-main", "women");

        await Referrals.MoveAsync(ApiKeys.HarbourHouse, referral, "accepted");

        // The held bed became the occupied one: free beds stay as they were.
        var after = await Referrals.CountAsync("harbour-house-main", "women");
        Assert.Equal(held with { Occupied = held.Occupied + 1, Held = held.Held - 1 }, after);
        var stored = await Referrals.HoldAsync(Guid.Parse(hold.HoldId));
        Assert.Equal(HoldEnd.Placed, stored.EndReason);
        Assert.NotNull(stored.EndedAt);
        var placement = await Referrals.PlacementAsync(referral);
        Assert.Equal(("harbour-house-main", (Guid?)Guid.Parse(hold.HoldId)), (placement!.ShelterId, placement.HoldId));
        var announced = Assert.Single(await Shelter.AnnouncementsAsync("harbour-house-main", "women"), e => e.Version > versionHeld);
        Assert.Equal((after.Occupied, after.Held, after.Free), (announced.Occupied, announced.Held, announced.Free));
    }

    [Fact]
    public async Task Places_at_the_shelter_that_fits_the_need_and_otherwise_where_there_is_most_room()
    {
        // harbour-house opens women's beds at its annex too: more room there than at main, but main is accessible.
        await Referrals.SetCountAsync(ApiKeys.HarbourHouse, "harbour-house-annex", "women", total: 20, occupied: 0);

        var needsAccess = await Referrals.ArriveAsync("harbour-house", "women", accessible: true);
        var noNeed = await Referrals.ArriveAsync("harbour-house", "women");
        await Referrals.MoveAsync(ApiKeys.HarbourHouse, needsAccess, "accepted");
        await Referrals.MoveAsync(ApiKeys.HarbourHouse, noNeed, "accepted");

        Assert.Equal("harbour-house-main", (await Referrals.PlacementAsync(needsAccess))!.ShelterId);
        Assert.Equal("harbour-house-annex", (await Referrals.PlacementAsync(noNeed))!.ShelterId);
        Assert.Equal(1, (await Referrals.CountAsync("harbour-house-annex", "women")).Occupied);
    }

    [Fact]
    public async Task Is_refused_when_no_bed_of_that_type_is_free_and_changes_nothing()
    {
        // harbour-house's only youth beds (at main) are all occupied.
        var before = await Referrals.CountAsync("harbour-house-main", "youth");
        Assert.Equal(0, before.Free);
        var version = await Shelter.VersionAsync("harbour-house-main", "youth");
        var announcements = (await Shelter.AnnouncementsAsync("harbour-house-main", "youth")).Count;
        var referral = await Referrals.ArriveAsync("harbour-house", "youth");

        var response = await Referrals.ChangeStatusAsync(ApiKeys.HarbourHouse, referral, "accepted");

        Assert.Equal(BedReferrals.NoFreeBed("harbour-house", "youth"), await Problem.DetailAsync(response, HttpStatusCode.Conflict));
        Assert.Equal("requested", await Referrals.StatusAsync(ApiKeys.HarbourHouse, referral));
        Assert.Equal(before, await Referrals.CountAsync("harbour-house-main", "youth"));
        Assert.Equal(version, await Shelter.VersionAsync("harbour-house-main", "youth"));
        Assert.Equal(announcements, (await Shelter.AnnouncementsAsync("harbour-house-main", "youth")).Count);
        Assert.Null(await Referrals.PlacementAsync(referral));
        var audit = await Shelter.ReadDatabaseAsync(db => db.Set<ReferralNet.Referrals.AuditEntry>().AsNoTracking()
            .Where(a => a.ReferralId == referral).Select(a => a.Action).ToListAsync(Ct));
        Assert.Equal(["received"], audit.Select(a => a.Code()));
    }

    [Fact]
    public async Task A_bed_held_for_someone_else_is_not_free_and_their_hold_is_never_spent()
    {
        // safe-haven's one accessible bed is held by its staff for justice-bridge's referral.
        var theirs = await Referrals.ArriveAsync("safe-haven", "accessible");
        var hold = await Referrals.HoldBedAsync(ApiKeys.SafeHaven, "safe-haven-family", "accessible", theirs);
        var another = await Referrals.ArriveAsync("safe-haven", "accessible", fromOrgId: "open-door-law");

        var response = await Referrals.ChangeStatusAsync(ApiKeys.SafeHaven, another, "accepted");

        Assert.Equal(BedReferrals.NoFreeBed("safe-haven", "accessible"), await Problem.DetailAsync(response, HttpStatusCode.Conflict));

        Assert.Null((await Referrals.HoldAsync(Guid.Parse(hold.HoldId))).EndedAt);
        Assert.Equal(new BedReferrals.Count("accessible", 1, 0, 1, 0), await Referrals.CountAsync("safe-haven-family", "accessible"));
    }
}
