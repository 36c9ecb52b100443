using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReferralNet.Referrals;
using ReferralNet.Contracts.Referrals;
using ReferralNet.Testing;
using Xunit;

namespace ReferralNet.Shelter.Tests.Operations;

/// <summary>The operations API of a running Shelter service, over HTTP, as the portal calls it.</summary>
public sealed class Operations_api(SharedShelter fixture) : IClassFixture<SharedShelter>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    RunningShelter Shelter => fixture.Shelter;

    HttpClient Operator => Shelter.ClientFor(ApiKeys.NetworkOps);

    [Theory]
    [InlineData("/api/operations/referrals")]
    [InlineData("/api/operations/referrals/rf-anything")]
    public async Task Refuses_partner_organisations_and_says_the_api_is_for_the_operator(string path)
    {
        var response = await Shelter.ClientFor(ApiKeys.HarbourHouse).GetAsync(path, Ct);

        var detail = await Problem.DetailAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("operations API is for the network operator organisation", detail);
    }

    [Fact]
    public async Task Refuses_a_call_without_a_key()
    {
        var response = await Shelter.ClientFor(null).GetAsync("/api/operations/referrals", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Counts_sent_referrals_by_status_and_lists_the_overdue_ones_in_the_agreed_shape_without_personal_data()
    {
        var before = await OverviewAsync();
        // Whole seconds: the SQLite column keeps times to the millisecond only.
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var late = Sent($"rf-late-{Guid.NewGuid():N}"[..20], ReferralStatus.Requested, now.AddHours(-1));
        var accepted = Sent($"rf-acc-{Guid.NewGuid():N}"[..20], ReferralStatus.Accepted, now.AddHours(-1));
        var received = Sent($"rf-rcv-{Guid.NewGuid():N}"[..20], ReferralStatus.Requested, now.AddHours(-1));
        received.Side = ReferralSide.Recipient;
        received.OrganisationId = "safe-haven";
        await Shelter.ReadDatabaseAsync(async db =>
        {
            db.Set<Referral>().AddRange(late, accepted, received);
            return await db.SaveChangesAsync(Ct);
        });

        var body = await Operator.GetStringAsync("/api/operations/referrals", Ct);

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal(["service", "countsByStatus", "overdue", "outbox"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("shelter", root.GetProperty("service").GetString());
        var counts = root.GetProperty("countsByStatus");
        Assert.Equal(before.CountsByStatus[ReferralStatuses.Requested] + 1, counts.GetProperty("requested").GetInt32());
        Assert.Equal(before.CountsByStatus[ReferralStatuses.Accepted] + 1, counts.GetProperty("accepted").GetInt32());
        var overdue = Assert.Single(root.GetProperty("overdue").EnumerateArray(), o => o.GetProperty("id").GetString() == late.Id);
        Assert.Equal(["id", "status", "priority", "dueAt", "fromOrganisationId", "toOrganisationId"], overdue.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("requested", "urgent", "harbour-house", "justice-bridge"),
            (overdue.GetProperty("status").GetString(), overdue.GetProperty("priority").GetString(),
             overdue.GetProperty("fromOrganisationId").GetString(), overdue.GetProperty("toOrganisationId").GetString()));
        Assert.Equal(late.DueAt, overdue.GetProperty("dueAt").GetDateTimeOffset());
        Assert.DoesNotContain(root.GetProperty("overdue").EnumerateArray(), o => o.GetProperty("id").GetString() == received.Id);
        var outbox = root.GetProperty("outbox");
        Assert.Equal(["backlog", "oldestAgeSeconds"], outbox.EnumerateObject().Select(p => p.Name));
        Assert.True(outbox.GetProperty("backlog").GetInt64() >= 0);
        Assert.DoesNotContain("Maria", body);
        Assert.DoesNotContain("private note", body);
        Assert.DoesNotContain("sv-secret", body);
    }

    [Fact]
    public async Task Shows_a_referral_sent_within_the_service_from_the_senders_side_with_its_trace_id()
    {
        var referral = await SendAsync(ApiKeys.SafeHaven, "harbour-house", "bed:women");
        // Wait until harbour-house holds its copy too: then the service holds both sides.
        await Eventually.HoldsAsync(async () =>
            (await Shelter.ClientFor(ApiKeys.HarbourHouse).GetAsync($"/api/referrals/{referral}", Ct)).StatusCode == HttpStatusCode.OK,
            $"harbour-house received {referral}");

        var body = await Operator.GetStringAsync($"/api/operations/referrals/{referral}", Ct);

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal(["id", "status", "priority", "side", "requestedAt", "receivedAt", "answeredAt", "overdue", "traceId"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal((referral, "requested", "asap", "sent", JsonValueKind.Null, false),
            (root.GetProperty("id").GetString(), root.GetProperty("status").GetString(), root.GetProperty("priority").GetString(),
             root.GetProperty("side").GetString(), root.GetProperty("answeredAt").ValueKind, root.GetProperty("overdue").GetBoolean()));
        Assert.Matches("^[0-9a-f]{32}$", root.GetProperty("traceId").GetString());
        Assert.DoesNotContain("Maria", body);
    }

    [Fact]
    public async Task Answers_404_with_a_message_for_a_referral_the_service_does_not_hold()
    {
        var response = await Operator.GetAsync("/api/operations/referrals/rf-00000000000000ee", Ct);

        var detail = await Problem.DetailAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("shelter service holds no referral 'rf-00000000000000ee'", detail);
    }

    async Task<Overview> OverviewAsync() =>
        (await Operator.GetFromJsonAsync<Overview>("/api/operations/referrals", Ct))!;

    static Referral Sent(string id, ReferralStatus status, DateTimeOffset dueAt) => new()
    {
        OrganisationId = "harbour-house",
        Id = id,
        Side = ReferralSide.Requester,
        FromOrganisationId = "harbour-house",
        ToOrganisationId = "justice-bridge",
        Service = "legal:t-visa",
        Priority = ReferralPriorities.Urgent,
        Status = status,
        RequestedAt = dueAt.AddHours(-24),
        DueAt = dueAt,
        UpdatedAt = dueAt,
        SurvivorId = "sv-secret",
        Profile = new() { GivenName = "Maria", Note = "private note" },
    };

    /// <summary>A survivor with no data shared, referred through the REST API: it travels through the outbox and the broker.</summary>
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

    sealed record Created(string Id);

    sealed record Overview(Dictionary<string, int> CountsByStatus);
}
