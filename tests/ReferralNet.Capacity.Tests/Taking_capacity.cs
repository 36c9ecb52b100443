using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReferralNet.Messaging.Data;

namespace ReferralNet.Capacity.Tests;

/// <summary>
/// What accepting and closing referrals does to counted capacity, the same in every service that
/// counts it; each service derives one class naming its own organisation and service code
/// (LegalAid/Opening_an_intake, Medical/Booking_an_appointment, Vocational/Enrolling).
/// </summary>
public abstract class Taking_capacity<TContext>(RunningService<TContext> service) where TContext : ReferralNetDbContext
{
    /// <summary>A shelter, referring to the recipient.</summary>
    const string Sender = "harbour-house";

    protected abstract string RecipientId { get; }
    protected abstract string RecipientKey { get; }
    protected abstract string Service { get; }

    /// <summary>How many offerings the recipient has in the seeds.</summary>
    protected abstract int OwnOfferings { get; }

    /// <summary>What the service counts, as its refusals say it (e.g. "attorney capacity").</summary>
    protected abstract string Unit { get; }

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Accepting_a_referral_takes_one_unit_of_its_service_at_the_recipient()
    {
        await service.SetCountsAsync(RecipientId, Service, total: 5, inUse: 2);
        var before = await service.OfferingAsync(RecipientId, Service);
        var referral = await service.ReceiveReferralAsync(Sender, RecipientId, Service);

        var response = await service.SetStatusAsync(RecipientKey, referral, "accepted");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await service.OfferingAsync(RecipientId, Service);
        Assert.Equal((5, 3, before.Version + 1), (after.Total, after.InUse, after.Version));
        var taking = await service.TakingAsync(RecipientId, referral);
        Assert.NotNull(taking);
        Assert.Equal((Service, (DateTimeOffset?)null), (taking.Service, taking.ReturnedAt));
    }

    [Fact]
    public async Task Accepting_when_nothing_is_open_is_refused_with_409_and_changes_nothing()
    {
        await service.SetCountsAsync(RecipientId, Service, total: 3, inUse: 3);
        var before = await service.OfferingAsync(RecipientId, Service);
        var referral = await service.ReceiveReferralAsync(Sender, RecipientId, Service);

        var response = await service.SetStatusAsync(RecipientKey, referral, "accepted");

        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, body);
        var detail = JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString();
        Assert.Equal(
            $"'{RecipientId}' has no open {Unit} for '{Service}' (3 of 3 in use): reject the referral with reason 'no-capacity', or accept it once an {Taking} closes",
            detail);
        var after = await service.OfferingAsync(RecipientId, Service);
        Assert.Equal((3, 3, before.Version), (after.Total, after.InUse, after.Version));
        Assert.Null(await service.TakingAsync(RecipientId, referral));
        var view = await service.ClientFor(RecipientKey).GetFromJsonAsync<JsonElement>($"/api/referrals/{referral}", Ct);
        Assert.Equal("requested", view.GetProperty("status").GetString());
    }

    /// <summary>What accepting creates, as the refusal says it (e.g. "intake").</summary>
    protected abstract string Taking { get; }

    [Fact]
    public async Task Completing_an_accepted_referral_gives_its_unit_back()
    {
        await service.SetCountsAsync(RecipientId, Service, total: 2, inUse: 1);
        var referral = await service.ReceiveReferralAsync(Sender, RecipientId, Service);
        Assert.Equal(HttpStatusCode.OK, (await service.SetStatusAsync(RecipientKey, referral, "accepted")).StatusCode);
        Assert.Equal(2, (await service.OfferingAsync(RecipientId, Service)).InUse);

        Assert.Equal(HttpStatusCode.OK, (await service.SetStatusAsync(RecipientKey, referral, "in-progress")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.SetStatusAsync(RecipientKey, referral, "completed")).StatusCode);

        Assert.Equal(1, (await service.OfferingAsync(RecipientId, Service)).InUse);
        var taking = await service.TakingAsync(RecipientId, referral);
        Assert.NotNull(taking?.ReturnedAt);
        Assert.Equal("completed", taking.ClosedAs);
    }

    [Fact]
    public async Task Ten_acceptances_at_once_for_the_last_unit_give_it_to_exactly_one_and_refuse_the_rest()
    {
        await service.SetCountsAsync(RecipientId, Service, total: 4, inUse: 3);
        var referrals = new List<string>();
        for (var i = 0; i < 10; i++)
            referrals.Add(await service.ReceiveReferralAsync(Sender, RecipientId, Service));

        var statuses = await Task.WhenAll(referrals.Select(async id => (await service.SetStatusAsync(RecipientKey, id, "accepted")).StatusCode));

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(9, statuses.Count(s => s == HttpStatusCode.Conflict));
        Assert.Equal(4, (await service.OfferingAsync(RecipientId, Service)).InUse);
        var takings = await Task.WhenAll(referrals.Select(id => service.TakingAsync(RecipientId, id)));
        Assert.Single(takings, t => t is not null);
    }

    [Fact]
    public async Task The_recipient_sees_its_own_capacity_with_what_is_in_use_and_open()
    {
        await service.SetCountsAsync(RecipientId, Service, total: 7, inUse: 2);

        var offerings = await service.ClientFor(RecipientKey).GetFromJsonAsync<List<JsonElement>>("/api/capacity", Ct);

        var mine = Assert.Single(offerings!, o => o.GetProperty("service").GetString() == Service);
        Assert.Equal((7, 2, 5), (mine.GetProperty("total").GetInt32(), mine.GetProperty("inUse").GetInt32(), mine.GetProperty("open").GetInt32()));
        // Only its own: no other organisation's offerings.
        Assert.Equal(OwnOfferings, offerings!.Count);
    }
}
