using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralNet.Referrals;
using ReferralNet.Referrals.Receiving;
using ReferralNet.Contracts.Referrals;
using ReferralNet.Shelter.Beds;
using ReferralNet.Shelter.Data;
using ReferralNet.Shelter.Referrals;
using Xunit;

namespace ReferralNet.Shelter.Tests.Referrals;

/// <summary>Bed referrals to the running Shelter's organisations, and what they do to its beds, through its REST API.</summary>
public sealed class BedReferrals(RunningShelter shelter)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// A referral from another service's organisation arrives and is stored, as this service's
    /// consumer of <c>queue:shelter-referrals</c> stores it; returns its id.
    /// </summary>
    public async Task<string> ArriveAsync(string toOrgId, string bedType, string fromOrgId = "justice-bridge",
        bool accessible = false, int dependants = 0, IReadOnlyList<string>? languages = null)
    {
        var id = $"rf-{Guid.NewGuid():N}"[..19];
        var now = DateTimeOffset.UtcNow;
        var message = new ReferralRequested(id, fromOrgId, toOrgId, $"bed:{bedType}", ReferralPriorities.Urgent,
            new ReferralNeeds(languages ?? [], dependants, accessible), false, now, now.AddHours(24), null, null, [], null);
        await shelter.InScopeAsync(async services =>
        {
            await services.GetRequiredService<ReferralRequestedConsumer>().ApplyAsync(message, Ct);
            await services.GetRequiredService<ShelterDbContext>().SaveChangesAsync(Ct);
        });
        return id;
    }

    /// <summary>Holds a bed over gRPC for <paramref name="referralId"/> (empty: for none) as the organisation behind <paramref name="apiKey"/>.</summary>
    public Task<Protos.Shelter.V1.BedHold> HoldBedAsync(string apiKey, string shelterId, string bedType, string referralId, int minutes = 0) =>
        shelter.Lookup.HoldBedAsync(
            new Protos.Shelter.V1.HoldBedRequest { ShelterId = shelterId, BedType = bedType, ReferralId = referralId, HoldMinutes = minutes },
            RunningShelter.As(apiKey).WithCancellationToken(Ct)).ResponseAsync;

    /// <summary>
    /// The organisation behind <paramref name="apiKey"/> refers for a bed to the organisation that
    /// runs <paramref name="shelterId"/> (the referral arrives), then holds a bed there for it.
    /// </summary>
    public async Task<Protos.Shelter.V1.BedHold> HoldForNewReferralAsync(string apiKey, string shelterId, string bedType, int minutes = 0)
    {
        var referral = await ArriveAsync(ApiKeys.RunnerOf(shelterId), bedType, fromOrgId: ApiKeys.OrganisationOf(apiKey));
        return await HoldBedAsync(apiKey, shelterId, bedType, referral, minutes);
    }

    public Task<HttpResponseMessage> ChangeStatusAsync(string apiKey, string referralId, string status, string? reason = null, string? declinedBy = null) =>
        shelter.ClientFor(apiKey).PostAsJsonAsync($"/api/referrals/{referralId}/status", new { status, reason, declinedBy }, Ct);

    /// <summary>Changes the status and asserts that it worked.</summary>
    public async Task MoveAsync(string apiKey, string referralId, string status, string? reason = null, string? declinedBy = null)
    {
        var response = await ChangeStatusAsync(apiKey, referralId, status, reason, declinedBy);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"moving {referralId} to '{status}' gave {(int)response.StatusCode}: {body}");
    }

    /// <summary>The referral's status as the organisation behind <paramref name="apiKey"/> sees it, or null while it has none.</summary>
    public async Task<string?> StatusAsync(string apiKey, string referralId)
    {
        var response = await shelter.ClientFor(apiKey).GetAsync($"/api/referrals/{referralId}", Ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Seen>(Ct))!.Status;
    }

    /// <summary>One bed type of one shelter, as the public bed API shows it.</summary>
    public async Task<Count> CountAsync(string shelterId, string bedType)
    {
        var counts = await shelter.ClientFor(ApiKeys.JusticeBridge).GetFromJsonAsync<List<Count>>($"/api/shelters/{shelterId}/beds", Ct);
        return counts!.Single(c => c.BedType == bedType);
    }

    public Task<Placement?> PlacementAsync(string referralId) =>
        shelter.ReadDatabaseAsync(db => db.Placements.AsNoTracking().SingleOrDefaultAsync(p => p.ReferralId == referralId, Ct));

    public Task<BedHold> HoldAsync(Guid holdId) =>
        shelter.ReadDatabaseAsync(db => db.Holds.AsNoTracking().SingleAsync(h => h.Id == holdId, Ct));

    /// <summary>Sets a bed type's counts as the shelter's own staff would.</summary>
    public async Task SetCountAsync(string apiKey, string shelterId, string bedType, int total, int occupied)
    {
        var response = await shelter.ClientFor(apiKey).PutAsJsonAsync($"/api/shelters/{shelterId}/beds/{bedType}", new { total, occupied }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static string NoFreeBed(string organisationId, string bedType) =>
        $"no free '{bedType}' bed at {organisationId}'s shelters; release a hold or free a bed first";

    public sealed record Count(string BedType, int Total, int Occupied, int Held, int Free);

    sealed record Seen(string Status);
}
