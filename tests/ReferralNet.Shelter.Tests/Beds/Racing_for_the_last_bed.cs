using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using ReferralNet.Protos.Shelter.V1;
using ReferralNet.Shelter.Beds;
using ReferralNet.Shelter.Tests.Referrals;
using Xunit;

namespace ReferralNet.Shelter.Tests.Beds;

public sealed class Racing_for_the_last_bed(SharedShelter fixture) : IClassFixture<SharedShelter>
{
    const int Racers = 50;

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fifty_holds_at_once_on_one_free_bed_give_it_to_exactly_one()
    {
        var shelter = fixture.Shelter;
        // harbour-house-annex's men: 2 of 8 free; make it exactly one. Its own staff race (a partner never holds the last bed).
        var put = await shelter.ClientFor(ApiKeys.HarbourHouse)
            .PutAsJsonAsync("/api/shelters/harbour-house-annex/beds/men", new { total = 7, occupied = 6 }, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var versionBefore = await shelter.VersionAsync("harbour-house-annex", "men");

        var outcomes = await RaceAsync(Enumerable.Range(1, Racers).Select(_ => (ApiKeys.HarbourHouse, "")), "harbour-house-annex", "men");

        Assert.Equal(1, outcomes.Count(s => s == StatusCode.OK));
        Assert.Equal(Racers - 1, outcomes.Count(s => s == StatusCode.FailedPrecondition));
        var holds = await shelter.ReadDatabaseAsync(db =>
            db.Holds.AsNoTracking().Where(h => h.ShelterId == "harbour-house-annex" && h.BedType == "men" && h.EndedAt == null).ToListAsync(Ct));
        Assert.Single(holds);
        var profile = await shelter.Lookup.GetShelterAsync(new GetShelterRequest { ShelterId = "harbour-house-annex" }, RunningShelter.As(ApiKeys.JusticeBridge));
        var men = profile.Beds.Single(b => b.BedType == "men");
        Assert.Equal((7, 6, 1, 0), (men.Total, men.Occupied, men.Held, men.Free));
        // Only the winner's change was announced: the losers wrote nothing.
        var announced = (await shelter.AnnouncementsAsync("harbour-house-annex", "men")).Where(e => e.Version > versionBefore).ToList();
        Assert.Equal((1, 0), (Assert.Single(announced).Held, announced[0].Free));
    }

    [Fact]
    public async Task Fifty_holds_at_once_by_one_partner_give_it_exactly_its_share()
    {
        var shelter = fixture.Shelter;
        var referrals = new BedReferrals(shelter);
        // riverside-refuge's men: 16 beds, all free. One after another justice-bridge could hold 3 (at 13 free its share is 3).
        var put = await shelter.ClientFor(ApiKeys.RiversideRefuge)
            .PutAsJsonAsync("/api/shelters/riverside-refuge/beds/men", new { total = 16, occupied = 0 }, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var ids = new List<string>();
        for (var i = 0; i < Racers; i++)
            ids.Add(await referrals.ArriveAsync("riverside-refuge", "men"));

        var outcomes = await RaceAsync(ids.Select(id => (ApiKeys.JusticeBridge, id)), "riverside-refuge", "men");

        Assert.Equal(3, outcomes.Count(s => s == StatusCode.OK));
        Assert.Equal(Racers - 3, outcomes.Count(s => s == StatusCode.FailedPrecondition));
        var holds = await shelter.ReadDatabaseAsync(db => db.Holds.AsNoTracking()
            .CountAsync(h => h.ShelterId == "riverside-refuge" && h.BedType == "men" && h.EndedAt == null && h.HeldByOrganisationId == "justice-bridge", Ct));
        Assert.Equal(3, holds);
        Assert.Equal(13, (await referrals.CountAsync("riverside-refuge", "men")).Free);
    }

    async Task<StatusCode[]> RaceAsync(IEnumerable<(string ApiKey, string ReferralId)> racers, string shelterId, string bedType) =>
        await Task.WhenAll(racers.Select(async racer =>
        {
            try
            {
                await fixture.Shelter.Lookup.HoldBedAsync(
                    new HoldBedRequest { ShelterId = shelterId, BedType = bedType, ReferralId = racer.ReferralId },
                    RunningShelter.As(racer.ApiKey).WithCancellationToken(Ct));
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        }));

    [Fact]
    public async Task Staff_filling_the_bed_while_a_partner_holds_it_leave_no_held_bed_stranded()
    {
        var shelter = fixture.Shelter;
        var staff = shelter.ClientFor(ApiKeys.RiversideRefuge);
        // riverside-refuge's youth: 6 beds, 4 occupied, so two are free.
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync("/api/shelters/riverside-refuge/beds/youth", new { total = 6, occupied = 4 }, Ct)).StatusCode);
        var referral = await new BedReferrals(shelter).ArriveAsync("riverside-refuge", "youth");
        using var counted = shelter.Pause.AfterNext(HoldQueryTags.ActiveHolds);

        // Staff fill the free beds; their change stops just after counting holds (none yet)...
        var fill = staff.PutAsJsonAsync("/api/shelters/riverside-refuge/beds/youth", new { total = 6, occupied = 6 }, Ct);
        await counted.Paused.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        // ...while a partner holds one of them for its referral, and only then carries on.
        var hold = await shelter.Lookup.HoldBedAsync(
            new HoldBedRequest { ShelterId = "riverside-refuge", BedType = "youth", ReferralId = referral },
            RunningShelter.As(ApiKeys.JusticeBridge).WithCancellationToken(Ct));
        counted.Release();
        var response = await fill;

        var detail = await Problem.DetailAsync(response, HttpStatusCode.Conflict);
        Assert.StartsWith("1 bed(s) are held for referrals", detail);
        var youth = (await staff.GetFromJsonAsync<List<Count>>("/api/shelters/riverside-refuge/beds", Ct))!.Single(c => c.BedType == "youth");
        Assert.Equal(new Count("youth", 6, 4, 1, 1), youth);
        await shelter.Lookup.ReleaseHoldAsync(new ReleaseHoldRequest { HoldId = hold.HoldId }, RunningShelter.As(ApiKeys.JusticeBridge));
    }

    sealed record Count(string BedType, int Total, int Occupied, int Held, int Free);
}
