using System.Net;
using Microsoft.EntityFrameworkCore;
using ReferralNet.Protos.Shelter.V1;
using ReferralNet.Shelter.Beds;
using Xunit;

namespace ReferralNet.Shelter.Tests.Referrals;

public sealed class Racing_for_the_last_bed_with_referrals(SharedShelter fixture) : IClassFixture<SharedShelter>
{
    const int Racers = 20;

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    RunningShelter Shelter => fixture.Shelter;

    BedReferrals Referrals => new(fixture.Shelter);

    [Fact]
    public async Task Twenty_acceptances_at_once_on_one_free_bed_fill_it_exactly_once()
    {
        // riverside-refuge's men beds are all taken (4 of 4): add one, so exactly one is free.
        await Referrals.SetCountAsync(ApiKeys.RiversideRefuge, "riverside-refuge", "men", total: 5, occupied: 4);
        var versionBefore = await Shelter.VersionAsync("riverside-refuge", "men");
        var referrals = new List<string>();
        for (var i = 0; i < Racers; i++)
            referrals.Add(await Referrals.ArriveAsync("riverside-refuge", "men"));

        var responses = await Task.WhenAll(referrals.Select(async id =>
        {
            var response = await Referrals.ChangeStatusAsync(ApiKeys.RiversideRefuge, id, "accepted");
            return (Id: id, response.StatusCode, Body: await response.Content.ReadAsStringAsync(Ct));
        }));

        var accepted = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.OK).ToList();
        Assert.All(refused, r =>
        {
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
            Assert.Contains(BedReferrals.NoFreeBed("riverside-refuge", "men"), r.Body);
        });
        Assert.Equal(new BedReferrals.Count("men", 5, 5, 0, 0), await Referrals.CountAsync("riverside-refuge", "men"));
        var placements = await Shelter.ReadDatabaseAsync(db => db.Placements.AsNoTracking().Where(p => referrals.Contains(p.ReferralId)).ToListAsync(Ct));
        Assert.Equal(accepted.Id, Assert.Single(placements).ReferralId);
        foreach (var loser in refused)
            Assert.Equal("requested", await Referrals.StatusAsync(ApiKeys.RiversideRefuge, loser.Id));
        // Only the winner's change was announced: the losers wrote nothing.
        var announced = Assert.Single(await Shelter.AnnouncementsAsync("riverside-refuge", "men"), e => e.Version > versionBefore);
        Assert.Equal((5, 0), (announced.Occupied, announced.Free));
    }

    [Fact]
    public async Task A_hold_taken_while_accepting_makes_the_acceptance_start_again_and_find_no_bed()
    {
        // riverside-refuge's youth: 5 beds, 4 occupied, so one is free.
        await Referrals.SetCountAsync(ApiKeys.RiversideRefuge, "riverside-refuge", "youth", total: 5, occupied: 4);
        var referral = await Referrals.ArriveAsync("riverside-refuge", "youth");
        using var counted = Shelter.Pause.AfterNext(HoldQueryTags.ActiveHolds);

        // The acceptance stops just after counting holds (none yet, so one bed looks free)...
        var accepting = Referrals.ChangeStatusAsync(ApiKeys.RiversideRefuge, referral, "accepted");
        await counted.Paused.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        // ...while the shelter's staff hold that bed (the last one: only they may), and only then carries on.
        var hold = await Shelter.Lookup.HoldBedAsync(
            new HoldBedRequest { ShelterId = "riverside-refuge", BedType = "youth" },
            RunningShelter.As(ApiKeys.RiversideRefuge).WithCancellationToken(Ct));
        counted.Release();

        Assert.Equal(BedReferrals.NoFreeBed("riverside-refuge", "youth"), await Problem.DetailAsync(await accepting, HttpStatusCode.Conflict));
        Assert.Equal("requested", await Referrals.StatusAsync(ApiKeys.RiversideRefuge, referral));
        Assert.Equal(new BedReferrals.Count("youth", 5, 4, 1, 0), await Referrals.CountAsync("riverside-refuge", "youth"));
        Assert.Null((await Referrals.HoldAsync(Guid.Parse(hold.HoldId))).EndedAt);
        Assert.Null(await Referrals.PlacementAsync(referral));
    }
}
