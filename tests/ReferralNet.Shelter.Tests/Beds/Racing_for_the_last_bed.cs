using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using ReferralNet.Protos.Shelter.V1;
using ReferralNet.Shelter.Beds;
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
        // riverside-refuge's men beds are all taken (4 of 4): add one, so exactly one is free.
        var put = await shelter.ClientFor(ApiKeys.RiversideRefuge)
            .PutAsJsonAsync("/api/shelters/riverside-refuge/beds/men", new { total = 5, occupied = 4 }, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var versionBefore = await shelter.VersionAsync("riverside-refuge", "men");

        var outcomes = await Task.WhenAll(Enumerable.Range(1, Racers).Select(async i =>
        {
            try
            {
                await shelter.Lookup.HoldBedAsync(
                    new HoldBedRequest { ShelterId = "riverside-refuge", BedType = "men", ReferralId = $"ref-race-{i}" },
                    RunningShelter.As(ApiKeys.JusticeBridge).WithCancellationToken(Ct));
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        }));

        Assert.Equal(1, outcomes.Count(s => s == StatusCode.OK));
        Assert.Equal(Racers - 1, outcomes.Count(s => s == StatusCode.FailedPrecondition));
        var holds = await shelter.ReadDatabaseAsync(db =>
            db.Holds.AsNoTracking().Where(h => h.ShelterId == "riverside-refuge" && h.BedType == "men" && h.EndedAt == null).ToListAsync(Ct));
        Assert.Single(holds);
        var profile = await shelter.Lookup.GetShelterAsync(new GetShelterRequest { ShelterId = "riverside-refuge" }, RunningShelter.As(ApiKeys.JusticeBridge));
        var men = profile.Beds.Single(b => b.BedType == "men");
        Assert.Equal((5, 4, 1, 0), (men.Total, men.Occupied, men.Held, men.Free));
        // Only the winner's change was announced: the losers wrote nothing.
        var announced = (await shelter.AnnouncementsAsync("riverside-refuge", "men")).Where(e => e.Version > versionBefore).ToList();
        Assert.Equal((1, 0), (Assert.Single(announced).Held, announced[0].Free));
    }

    [Fact]
    public async Task Staff_filling_the_bed_while_a_partner_holds_it_leave_no_held_bed_stranded()
    {
        var shelter = fixture.Shelter;
        var staff = shelter.ClientFor(ApiKeys.RiversideRefuge);
        // riverside-refuge's youth: 5 beds, 4 occupied, so one is free.
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync("/api/shelters/riverside-refuge/beds/youth", new { total = 5, occupied = 4 }, Ct)).StatusCode);
        using var counted = shelter.Pause.AfterNext(HoldQueryTags.ActiveHolds);

        // Staff fill the free bed; their change stops just after counting holds (none yet)...
        var fill = staff.PutAsJsonAsync("/api/shelters/riverside-refuge/beds/youth", new { total = 5, occupied = 5 }, Ct);
        await counted.Paused.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        // ...while a partner holds that bed, and only then carries on.
        var hold = await shelter.Lookup.HoldBedAsync(
            new HoldBedRequest { ShelterId = "riverside-refuge", BedType = "youth", ReferralId = "ref-fill-race" },
            RunningShelter.As(ApiKeys.JusticeBridge).WithCancellationToken(Ct));
        counted.Release();
        var response = await fill;

        var detail = await Problem.DetailAsync(response, HttpStatusCode.Conflict);
        Assert.StartsWith("1 bed(s) are held for referrals", detail);
        var youth = (await staff.GetFromJsonAsync<List<Count>>("/api/shelters/riverside-refuge/beds", Ct))!.Single(c => c.BedType == "youth");
        Assert.Equal(new Count("youth", 5, 4, 1, 0), youth);
        await shelter.Lookup.ReleaseHoldAsync(new ReleaseHoldRequest { HoldId = hold.HoldId }, RunningShelter.As(ApiKeys.JusticeBridge));
    }

    sealed record Count(string BedType, int Total, int Occupied, int Held, int Free);
}
