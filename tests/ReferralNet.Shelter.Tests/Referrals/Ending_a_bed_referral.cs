using System.Net;
using System.Net.Http.Json;
using ReferralNet.Protos.Shelter.V1;
using ReferralNet.Shelter.Beds;
using ReferralNet.Testing;
using Xunit;

namespace ReferralNet.Shelter.Tests.Referrals;

public sealed class Ending_a_bed_referral(SharedShelter fixture) : IClassFixture<SharedShelter>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    RunningShelter Shelter => fixture.Shelter;

    BedReferrals Referrals => new(fixture.Shelter);

    [Theory]
    [InlineData("completed", null)]
    [InlineData("failed", "client-did-not-attend")]
    public async Task Completing_or_failing_an_accepted_referral_frees_its_bed_and_announces_it(string status, string? reason)
    {
        var before = await Referrals.CountAsync("riverside-refuge", "family");
        var referral = await Referrals.ArriveAsync("riverside-refuge", "family", dependants: 2);
        await Referrals.MoveAsync(ApiKeys.RiversideRefuge, referral, "accepted");
        await Referrals.MoveAsync(ApiKeys.RiversideRefuge, referral, "in-progress");
        Assert.Equal(before.Occupied + 1, (await Referrals.CountAsync("riverside-refuge", "family")).Occupied);
        var versionPlaced = await Shelter.VersionAsync("riverside-refuge", "family");

        await Referrals.MoveAsync(ApiKeys.RiversideRefuge, referral, status, reason);

        Assert.Equal(before, await Referrals.CountAsync("riverside-refuge", "family"));
        var placement = await Referrals.PlacementAsync(referral);
        Assert.Equal(status, placement!.EndStatus);
        Assert.NotNull(placement.EndedAt);
        var announced = Assert.Single(await Shelter.AnnouncementsAsync("riverside-refuge", "family"), e => e.Version > versionPlaced);
        Assert.Equal((before.Occupied, before.Free), (announced.Occupied, announced.Free));
    }

    [Fact]
    public async Task Rejecting_a_referral_gives_back_the_bed_its_hold_kept()
    {
        var before = await Referrals.CountAsync("riverside-refuge", "youth");
        var referral = await Referrals.ArriveAsync("riverside-refuge", "youth");
        var hold = await Referrals.HoldBedAsync(ApiKeys.JusticeBridge, "riverside-refuge", "youth", referral);
        var versionHeld = await Shelter.VersionAsync("riverside-refuge", "youth");

        await Referrals.MoveAsync(ApiKeys.RiversideRefuge, referral, "rejected", "not-eligible", "provider");

        Assert.Equal(before, await Referrals.CountAsync("riverside-refuge", "youth"));
        Assert.Equal(HoldEnd.Released, (await Referrals.HoldAsync(Guid.Parse(hold.HoldId))).EndReason);
        Assert.Null(await Referrals.PlacementAsync(referral));
        var announced = Assert.Single(await Shelter.AnnouncementsAsync("riverside-refuge", "youth"), e => e.Version > versionHeld);
        Assert.Equal((before.Held, before.Free), (announced.Held, announced.Free));
    }

    [Fact]
    public async Task A_shelter_refers_to_another_with_a_held_bed_which_acceptance_fills_and_cancellation_frees()
    {
        // safe-haven refers a survivor who uses a wheelchair to harbour-house (two accessible beds free at main), then holds one for the referral.
        await Referrals.SetCountAsync(ApiKeys.HarbourHouse, "harbour-house-main", "accessible", total: 3, occupied: 1);
        var before = await Referrals.CountAsync("harbour-house-main", "accessible");
        var referral = await SendAsync(ApiKeys.SafeHaven, "harbour-house", "bed:accessible");
        await ArrivedAsync(ApiKeys.HarbourHouse, referral, "requested");
        var hold = await Referrals.HoldBedAsync(ApiKeys.SafeHaven, "harbour-house-main", "accessible", referral);

        await Referrals.MoveAsync(ApiKeys.HarbourHouse, referral, "accepted");
        await ArrivedAsync(ApiKeys.SafeHaven, referral, "accepted");

        Assert.Equal(before with { Occupied = before.Occupied + 1, Free = before.Free - 1 }, await Referrals.CountAsync("harbour-house-main", "accessible"));
        Assert.Equal(HoldEnd.Placed, (await Referrals.HoldAsync(Guid.Parse(hold.HoldId))).EndReason);

        // The sender cancels; harbour-house learns it through its queue and frees the bed.
        await Referrals.MoveAsync(ApiKeys.SafeHaven, referral, "cancelled", "served-elsewhere");
        await ArrivedAsync(ApiKeys.HarbourHouse, referral, "cancelled");

        Assert.Equal(before, await Referrals.CountAsync("harbour-house-main", "accessible"));
        Assert.Equal("cancelled", (await Referrals.PlacementAsync(referral))!.EndStatus);
    }

    [Fact]
    public async Task A_referral_the_sender_cancels_before_acceptance_gives_back_its_hold()
    {
        var before = await Referrals.CountAsync("harbour-house-annex", "men");
        var referral = await SendAsync(ApiKeys.RiversideRefuge, "harbour-house", "bed:men");
        await ArrivedAsync(ApiKeys.HarbourHouse, referral, "requested");
        var hold = await Referrals.HoldBedAsync(ApiKeys.RiversideRefuge, "harbour-house-annex", "men", referral);
        Assert.Equal(before.Held + 1, (await Referrals.CountAsync("harbour-house-annex", "men")).Held);

        await Referrals.MoveAsync(ApiKeys.RiversideRefuge, referral, "cancelled", "no-longer-needed");
        await ArrivedAsync(ApiKeys.HarbourHouse, referral, "cancelled");

        Assert.Equal(before, await Referrals.CountAsync("harbour-house-annex", "men"));
        Assert.Equal(HoldEnd.Released, (await Referrals.HoldAsync(Guid.Parse(hold.HoldId))).EndReason);
        Assert.Null(await Referrals.PlacementAsync(referral));
    }

    /// <summary>A survivor with no data shared, referred for a bed: the referral goes out through the outbox and the broker.</summary>
    async Task<string> SendAsync(string apiKey, string toOrgId, string service)
    {
        var client = Shelter.ClientFor(apiKey);
        var survivor = await client.PostAsJsonAsync("/api/survivors", new { givenName = "Test", languages = new[] { "en" }, needs = new[] { "accessibility" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, survivor.StatusCode);
        var survivorId = (await survivor.Content.ReadFromJsonAsync<Created>(Ct))!.Id;
        var sent = await client.PostAsJsonAsync("/api/referrals", new { survivorId, toOrgId, service, priority = "asap", share = Array.Empty<string>() }, Ct);
        Assert.True(sent.StatusCode == HttpStatusCode.Created, await sent.Content.ReadAsStringAsync(Ct));
        return (await sent.Content.ReadFromJsonAsync<Created>(Ct))!.Id;
    }

    Task ArrivedAsync(string apiKey, string referralId, string status) =>
        Eventually.ReturnsAsync(() => Referrals.StatusAsync(apiKey, referralId), s => s == status, $"referral {referralId} '{status}' as {apiKey} sees it");

    sealed record Created(string Id);
}
