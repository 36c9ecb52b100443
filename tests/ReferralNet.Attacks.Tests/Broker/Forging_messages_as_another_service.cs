using ReferralNet.Contracts.Api;
using ReferralNet.Contracts.Beds;
using ReferralNet.Contracts.Referrals;
using ReferralNet.Testing;

namespace ReferralNet.Attacks.Tests.Broker;

/// <summary>
/// A service taken over by an attacker (here Medical, or LegalAid) forges every kind of message
/// another service consumes, claiming to act for an organisation it does not host. The forgery
/// must go to <c>_error</c> with a reason that names the failed check, change nothing, and leave
/// the service applying the next genuine message. Claiming the victim's own broker user is
/// refused by the broker itself.
/// </summary>
public sealed class Forging_messages_as_another_service(ForgeryNetwork network) : IClassFixture<ForgeryNetwork>
{
    const string ShelterErrors = "shelter-referrals_error";
    const string LegalAidErrors = "legalaid-referrals_error";

    [Fact]
    public async Task A_status_change_claiming_the_sender_is_refused_and_the_genuine_one_applied()
    {
        var (referral, _) = await network.ReferAsync();

        var forged = await network.ForgeAsync("medical", "shelter",
            new ReferralStatusChanged(referral, "justice-bridge", "requested", "entered-in-error", null, null, DateTimeOffset.UtcNow));

        Assert.NotNull(forged);
        Assert.Contains($"ReferralStatusChanged claims organisation 'justice-bridge' (hosted by legalaid) but was published by broker user '{network.UserOf("medical")}'",
            await network.FaultOfAsync(ShelterErrors, forged.Value));
        Assert.Equal("requested", (await network.Api("harbour-house").ReferralAsync(referral)).Value!.Status);
        // The genuine sender still gets through.
        Assert.True((await network.Api("justice-bridge").ChangeStatusAsync(referral, new StatusChangeRequest("cancelled", "no-longer-needed"))).Ok);
        await Eventually.HoldsAsync(async () => (await network.Api("harbour-house").ReferralAsync(referral)).Value!.Status == "cancelled", "the genuine cancellation at harbour-house");
    }

    [Fact]
    public async Task A_consent_withdrawal_claiming_the_sender_is_refused_and_purges_nothing()
    {
        var (referral, consent) = await network.ReferAsync();

        var forged = await network.ForgeAsync("medical", "shelter",
            new ConsentWithdrawn(consent, "justice-bridge", "harbour-house", [referral], "revoked", DateTimeOffset.UtcNow));

        Assert.NotNull(forged);
        Assert.Contains("ConsentWithdrawn claims organisation 'justice-bridge' (hosted by legalaid) but was published by broker user",
            await network.FaultOfAsync(ShelterErrors, forged.Value));
        var copy = (await network.Api("harbour-house").ReferralAsync(referral)).Value!;
        Assert.Null(copy.PurgedAt);
        Assert.Equal("Forgery", copy.Shared?.GivenName);
    }

    [Fact]
    public async Task A_referral_claiming_another_services_organisation_is_refused_and_not_stored()
    {
        var id = $"rf-{Guid.NewGuid():N}"[..19];

        var forged = await network.ForgeAsync("medical", "shelter", new ReferralRequested(id, "justice-bridge", "harbour-house", "bed:women", "asap",
            new ReferralNeeds([], 0, false), false, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(2), null, null, [], null));

        Assert.NotNull(forged);
        Assert.Contains("ReferralRequested claims organisation 'justice-bridge' (hosted by legalaid) but was published by broker user",
            await network.FaultOfAsync(ShelterErrors, forged.Value));
        Assert.Equal(404, (await network.Api("harbour-house").ReferralAsync(id)).Status);
    }

    [Fact]
    public async Task A_receipt_claiming_the_recipient_is_refused()
    {
        var (referral, _) = await network.ReferAsync();

        var forged = await network.ForgeAsync("medical", "legalaid", new ReferralReceived(referral, "harbour-house", DateTimeOffset.UtcNow));

        Assert.NotNull(forged);
        Assert.Contains("ReferralReceived claims organisation 'harbour-house' (hosted by shelter) but was published by broker user",
            await network.FaultOfAsync(LegalAidErrors, forged.Value));
    }

    [Fact]
    public async Task A_purge_confirmation_claiming_the_recipient_is_refused()
    {
        var (referral, consent) = await network.ReferAsync();

        var forged = await network.ForgeAsync("medical", "legalaid", new PersonalDataPurged(consent, "harbour-house", [referral], DateTimeOffset.UtcNow));

        Assert.NotNull(forged);
        Assert.Contains("PersonalDataPurged claims organisation 'harbour-house' (hosted by shelter) but was published by broker user",
            await network.FaultOfAsync(LegalAidErrors, forged.Value));
    }

    [Fact]
    public async Task A_referral_for_an_organisation_the_receiving_service_does_not_host_is_refused()
    {
        var id = $"rf-{Guid.NewGuid():N}"[..19];

        // Genuinely from LegalAid, for st-mary-clinic, but put into Shelter's queue.
        var misrouted = await network.ForgeAsync("legalaid", "shelter", new ReferralRequested(id, "justice-bridge", "st-mary-clinic", "medical:trauma-care", "asap",
            new ReferralNeeds([], 0, false), false, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(2), null, null, [], null));

        Assert.NotNull(misrouted);
        Assert.Contains("ReferralRequested is addressed to organisation 'st-mary-clinic' (hosted by medical), which shelter does not host",
            await network.FaultOfAsync(ShelterErrors, misrouted.Value));
    }

    [Fact]
    public async Task A_bed_count_published_by_a_service_that_runs_no_shelter_never_reaches_a_bed_board()
    {
        var forgedCount = new BedAvailabilityChanged("harbour-house-main", "Harbour House", "harbour-house", "north-city", "women",
            Total: 999, Occupied: 0, Held: 0, Free: 999, Version: 1_000_000, DateTimeOffset.UtcNow);

        var published = await network.PublishAsync("medical", ["ReferralNet.Contracts.Beds:BedAvailabilityChanged"], forgedCount, network.UserOf("medical"));
        // The genuine staff change the same count afterwards; the board must show theirs.
        var staff = network.Api("harbour-house");
        Assert.True((await staff.PutAsync<object>($"/api/shelters/harbour-house-main/beds/women", new { total = 12, occupied = 5 })).Ok);

        var board = await Eventually.ReturnsAsync(
            () => network.Api("justice-bridge").GetAsync<List<Dictionary<string, object>>>($"/api/beds?bedType=women"),
            b => b.Value?.Any(e => e["shelterId"].ToString() == "harbour-house-main" && e["total"].ToString() is "12" or "999") == true,
            "harbour-house-main's women's beds on LegalAid's board");
        var entry = board.Value!.Single(e => e["shelterId"].ToString() == "harbour-house-main");
        Assert.True(published is null || entry["total"].ToString() == "12",
            $"the bed board shows the forged count (total {entry["total"]}) published by Medical's account");
        if (published is not null)
            Assert.Contains("BedAvailabilityChanged claims organisation 'harbour-house' (hosted by shelter) but was published by broker user",
                await network.FaultOfAsync("legalaid-bed-availability-changed_error", published.Value));
    }

    [Fact]
    public async Task A_bed_board_refresh_in_another_services_name_is_refused()
    {
        var forged = await network.PublishAsync("medical", ["ReferralNet.Contracts.Beds:BedBoardRefreshRequested"],
            new BedBoardRefreshRequested("legalaid", DateTimeOffset.UtcNow), network.UserOf("medical"));

        Assert.NotNull(forged);
        Assert.Contains($"BedBoardRefreshRequested claims to come from service 'legalaid' but was published by broker user '{network.UserOf("medical")}'",
            await network.FaultOfAsync("shelter-bed-board-refresh-requested_error", forged.Value));
    }

    [Fact]
    public async Task The_broker_refuses_a_message_that_claims_the_victims_broker_user()
    {
        var (referral, _) = await network.ReferAsync();

        var forged = await network.ForgeAsync("medical", "shelter",
            new ReferralStatusChanged(referral, "justice-bridge", "requested", "entered-in-error", null, null, DateTimeOffset.UtcNow),
            userId: network.UserOf("legalaid"));

        Assert.Null(forged);
    }
}
