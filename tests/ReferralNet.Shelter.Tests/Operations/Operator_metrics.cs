using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using ReferralNet.Referrals;
using ReferralNet.Referrals.Receiving;
using ReferralNet.Contracts.Referrals;
using ReferralNet.Shelter.Data;
using ReferralNet.Shelter.Tests.Referrals;
using ReferralNet.Testing;
using Xunit;

namespace ReferralNet.Shelter.Tests.Operations;

/// <summary>
/// The operator metrics of a running Shelter service, as its meter provider exports them (the same
/// pipeline that exports over OTLP), while referrals move and beds change.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class Operator_metrics(ShelterWithFastMetrics fixture) : IClassFixture<ShelterWithFastMetrics>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    RunningShelter Shelter => fixture.Shelter;

    BedReferrals Referrals => new(fixture.Shelter);

    [Fact]
    public async Task Referrals_by_side_and_status_follow_a_referral_from_sent_to_accepted()
    {
        var sentRequested = Gauge("referralnet.referrals", ("referralnet.service", "shelter"), ("referralnet.referral.side", "sent"), ("referralnet.referral.status", "requested"));
        var sentAccepted = Gauge("referralnet.referrals", ("referralnet.service", "shelter"), ("referralnet.referral.side", "sent"), ("referralnet.referral.status", "accepted"));
        var receivedAccepted = Gauge("referralnet.referrals", ("referralnet.service", "shelter"), ("referralnet.referral.side", "received"), ("referralnet.referral.status", "accepted"));
        // The counts before, from the database itself: a gauge reading can be up to one refresh
        // behind another test's referral in this shared service, and would make "before" too low.
        var before = (
            Requested: await StoredAsync(ReferralSide.Requester, ReferralStatus.Requested),
            Accepted: await StoredAsync(ReferralSide.Requester, ReferralStatus.Accepted),
            Received: await StoredAsync(ReferralSide.Recipient, ReferralStatus.Accepted));
        await sentRequested.WaitForAsync(before.Requested);
        await sentAccepted.WaitForAsync(before.Accepted);
        await receivedAccepted.WaitForAsync(before.Received);

        var referral = await SendAsync(ApiKeys.SafeHaven, "harbour-house", "bed:women");
        await sentRequested.WaitForAsync(before.Requested + 1);

        await ArrivedAsync(ApiKeys.HarbourHouse, referral, "requested");
        await Referrals.MoveAsync(ApiKeys.HarbourHouse, referral, "accepted");
        await ArrivedAsync(ApiKeys.SafeHaven, referral, "accepted");

        await sentAccepted.WaitForAsync(before.Accepted + 1);
        await sentRequested.WaitForAsync(before.Requested);
        await receivedAccepted.WaitForAsync(before.Received + 1);
    }

    [Fact]
    public async Task Time_to_accept_is_recorded_by_service_and_priority_when_the_recipient_accepts()
    {
        var tags = new[] { ("referralnet.referral.service", "bed:men"), ("referralnet.referral.priority", "urgent") };
        var before = HistogramCount("referralnet.referral.time_to_accept", tags);
        // It arrives with its request time 50 minutes ago, as if it had waited that long.
        await Referrals.SetCountAsync(ApiKeys.RiversideRefuge, "riverside-refuge", "men", total: 20, occupied: 0);
        var referral = await ArriveAsync("riverside-refuge", "bed:men", requestedAt: DateTimeOffset.UtcNow.AddMinutes(-50));
        Assert.Equal(before, HistogramCount("referralnet.referral.time_to_accept", tags));

        await Referrals.MoveAsync(ApiKeys.RiversideRefuge, referral, "accepted");

        Assert.Equal(before + 1, HistogramCount("referralnet.referral.time_to_accept", tags));
        var point = Latest("referralnet.referral.time_to_accept", tags)!.Value;
        Assert.Equal("s", LatestSnapshot("referralnet.referral.time_to_accept")!.Unit);
        // 50 minutes lands in the (30 min, 1 h] bucket of the view set in AddServiceDefaults (the
        // default buckets end at 10 s); other acceptances may add to other buckets.
        long inHourBucket = 0;
        foreach (var bucket in point.GetHistogramBuckets())
            if (bucket.ExplicitBound == 3600)
                inHourBucket = bucket.BucketCount;
        Assert.True(inHourBucket >= 1, "no acceptance in the bucket (30 min, 1 h]");
    }

    [Fact]
    public async Task Bed_occupancy_follows_staff_changing_the_counts_of_a_bed_type()
    {
        var shelter = ("referralnet.shelter.id", "safe-haven-family");
        var type = ("referralnet.bed.type", "family");
        await Referrals.SetCountAsync(ApiKeys.SafeHaven, "safe-haven-family", "family", total: 9, occupied: 4);

        await Gauge("referralnet.beds.total", shelter, type).WaitForAsync(9);
        await Gauge("referralnet.beds.occupied", shelter, type).WaitForAsync(4);
        await Gauge("referralnet.beds.free", shelter, type).WaitForAsync(5);
        await Gauge("referralnet.beds.held", shelter, type).WaitForAsync(0);

        await Referrals.SetCountAsync(ApiKeys.SafeHaven, "safe-haven-family", "family", total: 9, occupied: 8);

        await Gauge("referralnet.beds.occupied", shelter, type).WaitForAsync(8);
        await Gauge("referralnet.beds.free", shelter, type).WaitForAsync(1);
    }

    [Fact]
    public async Task A_message_whose_consumer_fails_after_its_retries_is_counted_once_by_message_type()
    {
        var tags = new[] { ("referralnet.message.type", "ReferralRequested"), ("referralnet.exception.type", "MessageNotAuthenticException") };
        var before = CounterSum("referralnet.consumer.faults", tags);
        // A referral for an organisation no one knows, sent by Shelter in justice-bridge's name: the
        // authenticity check refuses it before any consumer, and it goes to the error queue at once.
        var now = DateTimeOffset.UtcNow;
        var poison = new ReferralRequested("rf-00000000000000ff", "justice-bridge", "no-such-organisation", "bed:women", "urgent",
            new ReferralNeeds([], 0, false), false, now, now.AddHours(24), null, null, [], null);
        string broker = "";
        await Shelter.InScopeAsync(async services =>
        {
            broker = services.GetRequiredService<IConfiguration>().GetConnectionString("rabbitmq")!;
            var endpoint = await services.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(new Uri("queue:shelter-referrals"));
            await endpoint.Send(poison, Ct);
        });

        // Once it is in the error queue, the retries are over: one message, one count.
        await Eventually.HoldsAsync(async () => await MessageCountAsync(broker, "shelter-referrals_error") >= 1, "the poison message in shelter-referrals_error");
        await Eventually.HoldsAsync(() => CounterSum("referralnet.consumer.faults", tags) > before, "a consumer fault counted for ReferralRequested");
        Assert.Equal(before + 1, CounterSum("referralnet.consumer.faults", tags));
    }

    static async Task<uint> MessageCountAsync(string connectionString, string queue)
    {
        await using var connection = await new RabbitMQ.Client.ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync(Ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Ct);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, Ct)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return 0; // not declared yet
        }
    }

    [Fact]
    public async Task Carries_no_tag_outside_the_ids_and_codes_operators_need()
    {
        await Gauge("referralnet.beds.total", ("referralnet.shelter.id", "harbour-house-main")).ReadAsync();
        await Gauge("referralnet.referrals", ("referralnet.service", "shelter")).ReadAsync();
        string[] allowed =
        [
            "referralnet.service", "referralnet.referral.side", "referralnet.referral.status", "referralnet.referral.service",
            "referralnet.referral.priority", "referralnet.shelter.id", "referralnet.bed.type",
            "referralnet.message.type", "referralnet.exception.type",
        ];
        var ours = Shelter.FlushMetrics().Where(s => s.MeterName == "ReferralNet").ToList();

        Assert.Contains(ours, s => s.Name == "referralnet.beds.total");
        Assert.All(ours.SelectMany(s => s.MetricPoints).SelectMany(p => TagsOf(p)), tag => Assert.Contains(tag.Key, allowed));
    }

    // ---- Reading what was exported ----

    GaugeReading Gauge(string name, params (string Key, string Value)[] tags) => new(this, name, tags);

    sealed class GaugeReading(Operator_metrics test, string name, (string Key, string Value)[] tags)
    {
        public async Task<long> ReadAsync()
        {
            // The first reading after start may not have run yet: wait until the gauge reports.
            var point = await Eventually.ReturnsAsync(() => Task.FromResult(test.Latest(name, tags)), p => p is not null, $"{name} reported");
            return point!.Value.GetGaugeLastValueLong();
        }

        public Task WaitForAsync(long expected) =>
            Eventually.ReturnsAsync(() => Task.FromResult(test.Latest(name, tags)?.GetGaugeLastValueLong()), v => v == expected,
                $"{name} {string.Join(",", tags.Select(t => $"{t.Key}={t.Value}"))} = {expected}");
    }

    long HistogramCount(string name, (string Key, string Value)[] tags) => Latest(name, tags)?.GetHistogramCount() ?? 0;

    long CounterSum(string name, params (string Key, string Value)[] tags) =>
        Shelter.FlushMetrics().LastOrDefault(s => s.Name == name)?.MetricPoints
            .Where(p => Matches(p, tags)).Sum(p => p.GetSumLong()) ?? 0;

    MetricSnapshot? LatestSnapshot(string name) => Shelter.FlushMetrics().LastOrDefault(s => s.Name == name);

    MetricPoint? Latest(string name, (string Key, string Value)[] tags)
    {
        var snapshot = LatestSnapshot(name);
        if (snapshot is null)
            return null;
        foreach (var point in snapshot.MetricPoints)
            if (Matches(point, tags))
                return point;
        return null;
    }

    static bool Matches(MetricPoint point, (string Key, string Value)[] tags)
    {
        var have = TagsOf(point).ToDictionary(t => t.Key, t => t.Value?.ToString());
        return tags.All(t => have.TryGetValue(t.Key, out var value) && value == t.Value);
    }

    static List<KeyValuePair<string, object?>> TagsOf(MetricPoint point)
    {
        var tags = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags)
            tags.Add(tag);
        return tags;
    }

    async Task<string> SendAsync(string apiKey, string toOrgId, string service)
    {
        var client = Shelter.ClientFor(apiKey);
        var survivor = await client.PostAsJsonAsync("/api/survivors", new { givenName = "Maria", languages = new[] { "en" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, survivor.StatusCode);
        var survivorId = (await survivor.Content.ReadFromJsonAsync<Created>(Ct))!.Id;
        var sent = await client.PostAsJsonAsync("/api/referrals", new { survivorId, toOrgId, service, priority = "asap", share = Array.Empty<string>() }, Ct);
        Assert.True(sent.StatusCode == HttpStatusCode.Created, await sent.Content.ReadAsStringAsync(Ct));
        return (await sent.Content.ReadFromJsonAsync<Created>(Ct))!.Id;
    }

    /// <summary>A referral from another service arrives, as the consumer of queue:shelter-referrals stores it.</summary>
    async Task<string> ArriveAsync(string toOrgId, string service, DateTimeOffset requestedAt)
    {
        var id = $"rf-{Guid.NewGuid():N}"[..19];
        var message = new ReferralRequested(id, "justice-bridge", toOrgId, service, "urgent", new ReferralNeeds([], 0, false), false,
            requestedAt, requestedAt.AddHours(24), null, null, [], null);
        await Shelter.InScopeAsync(async services =>
        {
            await services.GetRequiredService<ReferralRequestedConsumer>().ApplyAsync(message, Ct);
            await services.GetRequiredService<ShelterDbContext>().SaveChangesAsync(Ct);
        });
        return id;
    }

    async Task<long> StoredAsync(ReferralSide side, ReferralStatus status)
    {
        long count = 0;
        await Shelter.InScopeAsync(async services =>
            count = await services.GetRequiredService<ShelterDbContext>().Set<Referral>().LongCountAsync(r => r.Side == side && r.Status == status, Ct));
        return count;
    }

    Task ArrivedAsync(string apiKey, string referralId, string status) =>
        Eventually.ReturnsAsync(() => Referrals.StatusAsync(apiKey, referralId), s => s == status, $"referral {referralId} '{status}' as {apiKey} sees it");

    sealed record Created(string Id);
}
