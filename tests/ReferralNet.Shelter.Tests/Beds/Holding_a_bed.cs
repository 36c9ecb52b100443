using System.Net.Http.Json;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using ReferralNet.Protos.Shelter.V1;
using ReferralNet.Shelter.Beds;
using ReferralNet.Shelter.Tests.Referrals;
using Xunit;

namespace ReferralNet.Shelter.Tests.Beds;

public sealed class Holding_a_bed(ShelterOnAFakeClock fixture) : IClassFixture<ShelterOnAFakeClock>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    RunningShelter Shelter => fixture.Shelter;

    BedReferrals Referrals => new(fixture.Shelter);

    /// <summary>A hold by a partner, for a bed referral of its own that has arrived at the shelter's organisation.</summary>
    Task<Protos.Shelter.V1.BedHold> HoldAsync(string apiKey, string shelterId, string bedType, int minutes = 0) =>
        Referrals.HoldForNewReferralAsync(apiKey, shelterId, bedType, minutes);

    Task<Protos.Shelter.V1.BedHold> HoldAsync(string apiKey, string shelterId, string bedType, string referralId, int minutes = 0) =>
        Referrals.HoldBedAsync(apiKey, shelterId, bedType, referralId, minutes);

    Task<ReleaseHoldReply> ReleaseAsync(string apiKey, string holdId) =>
        Shelter.Lookup.ReleaseHoldAsync(new ReleaseHoldRequest { HoldId = holdId }, RunningShelter.As(apiKey).WithCancellationToken(Ct)).ResponseAsync;

    async Task<BedCount> CountAsync(string shelterId, string bedType)
    {
        var profile = await Shelter.Lookup.GetShelterAsync(new GetShelterRequest { ShelterId = shelterId }, RunningShelter.As(ApiKeys.JusticeBridge).WithCancellationToken(Ct));
        return profile.Beds.Single(b => b.BedType == bedType);
    }

    static async Task<RpcException> FailsAsync(Func<Task> call) => await Assert.ThrowsAsync<RpcException>(call);

    [Fact]
    public async Task Takes_one_free_bed_and_counts_it_held()
    {
        var before = await CountAsync("riverside-refuge", "women");
        var versionBefore = await Shelter.VersionAsync("riverside-refuge", "women");

        var referral = await Referrals.ArriveAsync("riverside-refuge", "women");
        var hold = await HoldAsync(ApiKeys.JusticeBridge, "riverside-refuge", "women", referral);

        var after = await CountAsync("riverside-refuge", "women");
        Assert.Equal((before.Free - 1, before.Held + 1, before.Total, before.Occupied), (after.Free, after.Held, after.Total, after.Occupied));
        Assert.True(Guid.TryParse(hold.HoldId, out var holdId));
        Assert.Equal(("riverside-refuge", "women", referral), (hold.ShelterId, hold.BedType, hold.ReferralId));
        var stored = await Shelter.ReadDatabaseAsync(db => db.Holds.AsNoTracking().SingleAsync(h => h.Id == holdId, Ct));
        Assert.Equal("justice-bridge", stored.HeldByOrganisationId);
        // The shelter's copy of the referral names its hold, so accepting it fills that bed.
        var seen = await Shelter.ClientFor(ApiKeys.RiversideRefuge).GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/referrals/{referral}", Ct);
        Assert.Equal(hold.HoldId, seen.GetProperty("bedHoldId").GetString());
        Assert.Null(stored.EndedAt);
        var announced = (await Shelter.AnnouncementsAsync("riverside-refuge", "women")).Last();
        Assert.Equal((after.Held, after.Free), (announced.Held, announced.Free));
        Assert.True(announced.Version > versionBefore, $"version {announced.Version} should have grown from {versionBefore}");
    }

    [Fact]
    public async Task Holds_for_the_default_time_or_the_time_asked_for_up_to_the_maximum()
    {
        var now = fixture.Clock.GetUtcNow();

        // The shelter's own staff, who may hold without a referral and beyond a partner's share.
        var byDefault = await HoldAsync(ApiKeys.HarbourHouse, "harbour-house-main", "women", "");
        var asked = await HoldAsync(ApiKeys.HarbourHouse, "harbour-house-main", "women", "", minutes: 30);
        var capped = await HoldAsync(ApiKeys.HarbourHouse, "harbour-house-main", "women", "", minutes: 5000);

        Assert.Equal(now.AddMinutes(120), byDefault.ExpiresAt.ToDateTimeOffset());
        Assert.Equal(now.AddMinutes(30), asked.ExpiresAt.ToDateTimeOffset());
        Assert.Equal(now.AddMinutes(1440), capped.ExpiresAt.ToDateTimeOffset());
        foreach (var hold in new[] { byDefault, asked, capped })
            await ReleaseAsync(ApiKeys.HarbourHouse, hold.HoldId);
    }

    [Fact]
    public async Task Releasing_a_hold_frees_its_bed_and_announces_it()
    {
        var before = await CountAsync("riverside-refuge", "youth");
        var hold = await HoldAsync(ApiKeys.JusticeBridge, "riverside-refuge", "youth");
        Assert.Equal(before.Free - 1, (await CountAsync("riverside-refuge", "youth")).Free);
        var versionHeld = await Shelter.VersionAsync("riverside-refuge", "youth");

        var reply = await ReleaseAsync(ApiKeys.JusticeBridge, hold.HoldId);

        Assert.True(reply.Released);
        var after = await CountAsync("riverside-refuge", "youth");
        Assert.Equal((before.Free, before.Held), (after.Free, after.Held));
        var stored = await Shelter.ReadDatabaseAsync(db => db.Holds.AsNoTracking().SingleAsync(h => h.Id == Guid.Parse(hold.HoldId), Ct));
        Assert.Equal((HoldEnd.Released, fixture.Clock.GetUtcNow()), (stored.EndReason, stored.EndedAt));
        var announced = (await Shelter.AnnouncementsAsync("riverside-refuge", "youth")).Last();
        Assert.Equal((before.Held, before.Free), (announced.Held, announced.Free));
        Assert.True(announced.Version > versionHeld);
        // A second release changes nothing and says so.
        Assert.False((await ReleaseAsync(ApiKeys.JusticeBridge, hold.HoldId)).Released);
        Assert.Equal(before.Free, (await CountAsync("riverside-refuge", "youth")).Free);
    }

    [Fact]
    public async Task Two_releases_of_one_hold_at_once_release_it_once()
    {
        var before = await CountAsync("riverside-refuge", "family");
        var hold = await HoldAsync(ApiKeys.JusticeBridge, "riverside-refuge", "family");
        var versionHeld = await Shelter.VersionAsync("riverside-refuge", "family");
        using var read = Shelter.Pause.AfterNext(HoldQueryTags.HoldToRelease);

        // The first release stops just after reading the hold (still active)...
        var first = ReleaseAsync(ApiKeys.JusticeBridge, hold.HoldId);
        await read.Paused.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        // ...while the shelter's own staff release it, and only then carries on.
        var second = await ReleaseAsync(ApiKeys.RiversideRefuge, hold.HoldId);
        read.Release();

        Assert.True(second.Released);
        Assert.False((await first).Released);
        Assert.Equal((before.Held, before.Free), Pair(await CountAsync("riverside-refuge", "family")));
        var announced = (await Shelter.AnnouncementsAsync("riverside-refuge", "family")).Where(e => e.Version > versionHeld).ToList();
        Assert.Equal((before.Held, before.Free), (Assert.Single(announced).Held, announced[0].Free));
    }

    [Fact]
    public async Task The_shelters_own_staff_may_release_a_hold_a_partner_placed()
    {
        var before = await CountAsync("safe-haven-family", "family");
        var hold = await HoldAsync(ApiKeys.JusticeBridge, "safe-haven-family", "family");
        Assert.Equal(before.Free - 1, (await CountAsync("safe-haven-family", "family")).Free);

        var reply = await ReleaseAsync(ApiKeys.SafeHaven, hold.HoldId);

        Assert.True(reply.Released);
        Assert.Equal(before.Free, (await CountAsync("safe-haven-family", "family")).Free);
    }

    [Fact]
    public async Task Someone_elses_hold_cannot_be_released_and_does_not_seem_to_exist()
    {
        var hold = await HoldAsync(ApiKeys.JusticeBridge, "harbour-house-annex", "men");
        var held = (await CountAsync("harbour-house-annex", "men")).Held;

        foreach (var stranger in new[] { ApiKeys.RiversideRefuge, ApiKeys.SafeHaven })
        {
            var error = await FailsAsync(() => ReleaseAsync(stranger, hold.HoldId));
            Assert.Equal(StatusCode.NotFound, error.StatusCode);
            Assert.Equal($"there is no hold '{hold.HoldId}' of yours", error.Status.Detail);
        }

        Assert.Equal(held, (await CountAsync("harbour-house-annex", "men")).Held);
        var stored = await Shelter.ReadDatabaseAsync(db => db.Holds.AsNoTracking().SingleAsync(h => h.Id == Guid.Parse(hold.HoldId), Ct));
        Assert.Null(stored.EndedAt);
        await ReleaseAsync(ApiKeys.JusticeBridge, hold.HoldId);
    }

    [Fact]
    public async Task Releasing_an_unknown_or_malformed_hold_id_says_what_is_wrong()
    {
        var unknown = Guid.NewGuid().ToString();
        var notFound = await FailsAsync(() => ReleaseAsync(ApiKeys.JusticeBridge, unknown));
        var malformed = await FailsAsync(() => ReleaseAsync(ApiKeys.JusticeBridge, "hold-1"));

        Assert.Equal((StatusCode.NotFound, $"there is no hold '{unknown}' of yours"), (notFound.StatusCode, notFound.Status.Detail));
        Assert.Equal((StatusCode.InvalidArgument, "hold_id 'hold-1' is not a hold id; use the id HoldBed returned (such as 0f8fad5b-d9cb-469f-a165-70867728950e)"),
            (malformed.StatusCode, malformed.Status.Detail));
        var braced = await FailsAsync(() => ReleaseAsync(ApiKeys.JusticeBridge, $"{{{unknown}}}"));
        Assert.Equal(StatusCode.InvalidArgument, braced.StatusCode);
    }

    [Theory]
    [InlineData("riverside-refuge", "men")]
    [InlineData("harbour-house-main", "youth")]
    [InlineData("harbour-house-annex", "family")]
    public async Task Fails_when_no_bed_of_that_type_is_free_and_says_where_to_look(string shelterId, string bedType)
    {
        var referral = await Referrals.ArriveAsync(ApiKeys.RunnerOf(shelterId), bedType);
        var error = await FailsAsync(() => HoldAsync(ApiKeys.JusticeBridge, shelterId, bedType, referral));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal($"shelter '{shelterId}' has no free '{bedType}' bed; find another with FindBeds", error.Status.Detail);
        var active = await Shelter.ReadDatabaseAsync(db => db.Holds.CountAsync(h => h.ReferralId == referral, Ct));
        Assert.Equal(0, active);
    }

    [Fact]
    public async Task Refuses_an_unknown_shelter_bed_type_or_a_missing_or_malformed_referral_and_says_so()
    {
        var shelter = await FailsAsync(() => HoldAsync(ApiKeys.JusticeBridge, "nowhere", "women", "rf-0123456789abcdef"));
        var bedType = await FailsAsync(() => HoldAsync(ApiKeys.JusticeBridge, "riverside-refuge", "dorm", "rf-0123456789abcdef"));
        var missing = await FailsAsync(() => HoldAsync(ApiKeys.JusticeBridge, "riverside-refuge", "women", ""));
        var malformed = await FailsAsync(() => HoldAsync(ApiKeys.JusticeBridge, "riverside-refuge", "women", " rf-0123456789abcdef"));

        Assert.Equal((StatusCode.NotFound, "there is no shelter 'nowhere'"), (shelter.StatusCode, shelter.Status.Detail));
        Assert.Equal(StatusCode.InvalidArgument, bedType.StatusCode);
        Assert.StartsWith("'dorm' is not a bed type; use one of:", bedType.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, missing.StatusCode);
        Assert.StartsWith("referral_id is required: a partner holds a bed only for a bed referral it has sent to 'riverside-refuge'; send the referral first", missing.Status.Detail);
        Assert.Equal((StatusCode.InvalidArgument, "referral_id ' rf-0123456789abcdef' is not a referral id: referral ids look like rf-0123456789abcdef (rf- and 16 lower-case hex digits); use the id the service gave you"),
            (malformed.StatusCode, malformed.Status.Detail));
    }

    [Fact]
    public async Task Refuses_a_hold_for_a_referral_the_caller_did_not_send_to_that_shelter()
    {
        var never = "rf-00000000000000aa";
        var byAnother = await Referrals.ArriveAsync("riverside-refuge", "women", fromOrgId: "open-door-law");
        var toAnother = await Referrals.ArriveAsync("safe-haven", "women");
        var free = (await CountAsync("riverside-refuge", "women")).Free;

        foreach (var referral in new[] { never, byAnother, toAnother })
        {
            var error = await FailsAsync(() => HoldAsync(ApiKeys.JusticeBridge, "riverside-refuge", "women", referral));
            Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
            Assert.Equal($"organisation 'justice-bridge' has no referral '{referral}' at 'riverside-refuge' (never sent, sent elsewhere, or not arrived yet); "
                + "send a 'bed:women' referral to 'riverside-refuge' and hold once its receipt shows (receivedAt)", error.Status.Detail);
        }
        Assert.Equal(free, (await CountAsync("riverside-refuge", "women")).Free);
    }

    [Fact]
    public async Task Refuses_a_second_hold_for_one_referral_a_hold_of_another_bed_type_and_one_for_an_answered_referral()
    {
        var referral = await Referrals.ArriveAsync("riverside-refuge", "youth");
        var first = await HoldAsync(ApiKeys.JusticeBridge, "riverside-refuge", "youth", referral);
        var answered = await Referrals.ArriveAsync("riverside-refuge", "family");
        await Referrals.MoveAsync(ApiKeys.RiversideRefuge, answered, "rejected", "not-eligible", "provider");

        var second = await FailsAsync(() => HoldAsync(ApiKeys.JusticeBridge, "riverside-refuge", "youth", referral));
        var otherType = await FailsAsync(() => HoldAsync(ApiKeys.JusticeBridge, "riverside-refuge", "women", referral));
        var late = await FailsAsync(() => HoldAsync(ApiKeys.JusticeBridge, "riverside-refuge", "family", answered));

        Assert.Equal((StatusCode.FailedPrecondition, $"referral '{referral}' already has bed hold '{first.HoldId}'; a referral holds one bed: release that hold to hold another"),
            (second.StatusCode, second.Status.Detail));
        Assert.Equal((StatusCode.InvalidArgument, $"referral '{referral}' asks for 'bed:youth', not a 'women' bed; hold a bed of the type it asks for"),
            (otherType.StatusCode, otherType.Status.Detail));
        Assert.Equal((StatusCode.FailedPrecondition, $"referral '{answered}' is rejected: a bed is held only for a referral still waiting for an answer"),
            (late.StatusCode, late.Status.Detail));
        await ReleaseAsync(ApiKeys.JusticeBridge, first.HoldId);
    }

    [Fact]
    public async Task Refuses_a_call_without_a_key()
    {
        var error = await FailsAsync(() => Shelter.Lookup.HoldBedAsync(
            new HoldBedRequest { ShelterId = "riverside-refuge", BedType = "women", ReferralId = "rf-0123456789abcdef" }).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task An_expired_hold_frees_its_bed_at_once_and_the_sweep_announces_it()
    {
        var before = await CountAsync("safe-haven-family", "family");
        var hold = await HoldAsync(ApiKeys.JusticeBridge, "safe-haven-family", "family", minutes: 60);
        var holdId = Guid.Parse(hold.HoldId);
        var versionHeld = await Shelter.VersionAsync("safe-haven-family", "family");

        fixture.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal((before.Held + 1, before.Free - 1), Pair(await CountAsync("safe-haven-family", "family")));

        fixture.Clock.Advance(TimeSpan.FromMinutes(2));

        // Free again before any sweep, in the lookups and the REST API alike.
        Assert.Equal((before.Held, before.Free), Pair(await CountAsync("safe-haven-family", "family")));
        var rest = await Shelter.ClientFor(ApiKeys.SafeHaven).GetFromJsonAsync<List<BedCount>>("/api/shelters/safe-haven-family/beds", Ct);
        Assert.Equal((before.Held, before.Free), Pair(rest!.Single(b => b.BedType == "family")));
        Assert.Null((await Shelter.ReadDatabaseAsync(db => db.Holds.AsNoTracking().SingleAsync(h => h.Id == holdId, Ct))).EndedAt);
        // An expired hold cannot be released any more.
        Assert.False((await ReleaseAsync(ApiKeys.JusticeBridge, hold.HoldId)).Released);

        var expired = await Shelter.ExpireHoldsAsync();

        Assert.True(expired >= 1, $"the sweep ended {expired} holds");
        var stored = await Shelter.ReadDatabaseAsync(db => db.Holds.AsNoTracking().SingleAsync(h => h.Id == holdId, Ct));
        Assert.Equal((HoldEnd.Expired, stored.ExpiresAt), (stored.EndReason, stored.EndedAt!.Value));
        var announced = (await Shelter.AnnouncementsAsync("safe-haven-family", "family")).Last();
        Assert.Equal((before.Held, before.Free), (announced.Held, announced.Free));
        Assert.True(announced.Version > versionHeld, $"version {announced.Version} should have grown from {versionHeld}");
        Assert.Equal(0, await Shelter.ExpireHoldsAsync());
    }

    static (int Held, int Free) Pair(BedCount count) => (count.Held, count.Free);
}
