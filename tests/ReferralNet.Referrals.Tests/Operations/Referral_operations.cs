using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using ReferralNet.Referrals.Operations;
using ReferralNet.Messaging.Outbox;
using ReferralNet.Referrals;

namespace ReferralNet.Referrals.Tests.Operations;

/// <summary>What the operations API reads, on a SQLite file of its own and a clock the test sets.</summary>
public sealed class Referral_operations : IAsyncLifetime
{
    static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    const string TraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    readonly FakeTimeProvider clock = new(Now);
    readonly string folder = Directory.CreateTempSubdirectory("referralnet-operations-").FullName;
    DbContextOptions<ReferralsDbContext> options = null!;

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var path = Path.Combine(folder, "operations.db");
        options = new DbContextOptionsBuilder<ReferralsDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString())
            .Options;
        await using var db = new ReferralsDbContext(options);
        await db.Database.EnsureCreatedAsync(Ct);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Counts_only_referrals_sent_by_the_services_organisations_with_every_status_present()
    {
        await AddAsync(Sent("rf-1", ReferralStatus.Requested), Sent("rf-2", ReferralStatus.Requested),
            Sent("rf-3", ReferralStatus.Accepted), Received("rf-4", ReferralStatus.Requested), Received("rf-3", ReferralStatus.Accepted));

        var overview = await OverviewAsync();

        Assert.Equal("shelter", overview.Service);
        Assert.Equal(ReferralStatuses.All.Order(), overview.CountsByStatus.Keys.Order());
        Assert.Equal(2, overview.CountsByStatus[ReferralStatuses.Requested]);
        Assert.Equal(1, overview.CountsByStatus[ReferralStatuses.Accepted]);
        Assert.Equal(3, overview.CountsByStatus.Values.Sum());
    }

    [Fact]
    public async Task Lists_as_overdue_the_sent_referrals_still_requested_past_their_due_time()
    {
        await AddAsync(
            Sent("rf-late", ReferralStatus.Requested, dueAt: Now.AddMinutes(-5)),
            Sent("rf-later", ReferralStatus.Requested, dueAt: Now.AddHours(-2)),
            Sent("rf-not-due", ReferralStatus.Requested, dueAt: Now.AddMinutes(5)),
            Sent("rf-answered", ReferralStatus.Accepted, dueAt: Now.AddHours(-1), answeredAt: Now.AddHours(-3)),
            Received("rf-received-late", ReferralStatus.Requested, dueAt: Now.AddHours(-1)));

        var overview = await OverviewAsync();

        // Most overdue first.
        Assert.Equal(["rf-later", "rf-late"], overview.Overdue.Select(o => o.Id));
        var later = overview.Overdue[0];
        Assert.Equal(new OverdueReferral("rf-later", ReferralStatuses.Requested, ReferralPriorities.Urgent, Now.AddHours(-2), "harbour-house", "justice-bridge"), later);
    }

    [Fact]
    public async Task Reports_the_outbox_rows_the_broker_has_not_confirmed_and_the_oldest_ones_age()
    {
        await using (var db = new ReferralsDbContext(options))
        {
            db.Outbox.AddRange(
                new OutboxMessage { MessageId = Guid.NewGuid(), MessageType = "T", Body = "{}", CreatedAt = Now.AddSeconds(-90) },
                new OutboxMessage { MessageId = Guid.NewGuid(), MessageType = "T", Body = "{}", CreatedAt = Now.AddSeconds(-30) },
                new OutboxMessage { MessageId = Guid.NewGuid(), MessageType = "T", Body = "{}", CreatedAt = Now.AddSeconds(-600), SentAt = Now.AddSeconds(-599) });
            await db.SaveChangesAsync(Ct);
        }

        var outbox = (await OverviewAsync()).Outbox;

        Assert.Equal(new OutboxState(2, 90), outbox);
    }

    [Fact]
    public async Task Reports_an_empty_outbox_as_no_backlog_and_no_age()
    {
        Assert.Equal(new OutboxState(0, 0), (await OverviewAsync()).Outbox);
    }

    [Fact]
    public async Task Finds_a_referral_with_its_times_and_the_trace_it_began_in()
    {
        var received = Received("rf-in", ReferralStatus.Accepted, dueAt: Now.AddHours(1), answeredAt: Now.AddMinutes(-1));
        received.ReceivedAt = Now.AddMinutes(-10);
        received.OriginTraceParent = TraceParent;
        await AddAsync(received);

        var found = await FindAsync("rf-in");

        Assert.Equal(new ReferralState("rf-in", ReferralStatuses.Accepted, ReferralPriorities.Urgent, "received",
            Now.AddHours(-24), Now.AddMinutes(-10), Now.AddMinutes(-1), false, "4bf92f3577b34da6a3ce929d0e0e4736"), found);
    }

    [Fact]
    public async Task Answers_with_the_senders_record_when_the_service_holds_both_sides()
    {
        // The recipient's record has moved on; the sender's has not heard yet.
        await AddAsync(Received("rf-both", ReferralStatus.Accepted), Sent("rf-both", ReferralStatus.Requested, dueAt: Now.AddHours(-1)));

        var found = await FindAsync("rf-both");

        Assert.Equal(("sent", ReferralStatuses.Requested, true), (found!.Side, found.Status, found.Overdue));
    }

    [Fact]
    public async Task Finds_nothing_for_an_id_the_service_does_not_hold()
    {
        await AddAsync(Sent("rf-1", ReferralStatus.Requested));

        Assert.Null(await FindAsync("rf-unknown"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-traceparent")]
    [InlineData("00-00000000000000000000000000000000-00f067aa0ba902b7-01")]
    public void Gives_no_trace_id_without_a_valid_traceparent(string? traceParent)
    {
        Assert.Null(ReferralOperations.TraceIdOf(traceParent));
    }

    static Referral Sent(string id, ReferralStatus status, DateTimeOffset? dueAt = null, DateTimeOffset? answeredAt = null) =>
        New("harbour-house", id, ReferralSide.Requester, status, dueAt, answeredAt);

    static Referral Received(string id, ReferralStatus status, DateTimeOffset? dueAt = null, DateTimeOffset? answeredAt = null) =>
        New("safe-haven", id, ReferralSide.Recipient, status, dueAt, answeredAt);

    static Referral New(string organisationId, string id, ReferralSide side, ReferralStatus status, DateTimeOffset? dueAt, DateTimeOffset? answeredAt) => new()
    {
        OrganisationId = organisationId,
        Id = id,
        Side = side,
        FromOrganisationId = side == ReferralSide.Requester ? organisationId : "harbour-house",
        ToOrganisationId = side == ReferralSide.Requester ? "justice-bridge" : organisationId,
        Service = "legal:t-visa",
        Priority = ReferralPriorities.Urgent,
        Status = status,
        RequestedAt = Now.AddHours(-24),
        DueAt = dueAt ?? Now.AddHours(1),
        AnsweredAt = answeredAt,
        UpdatedAt = Now,
        Profile = new() { GivenName = "Maria", Note = "private note" },
    };

    async Task AddAsync(params Referral[] referrals)
    {
        await using var db = new ReferralsDbContext(options);
        db.Set<Referral>().AddRange(referrals);
        await db.SaveChangesAsync(Ct);
    }

    async Task<ReferralOverview> OverviewAsync()
    {
        await using var db = new ReferralsDbContext(options);
        return await new ReferralOperations(db, clock).OverviewAsync("shelter", Ct);
    }

    async Task<ReferralState?> FindAsync(string id)
    {
        await using var db = new ReferralsDbContext(options);
        return await new ReferralOperations(db, clock).FindAsync(id, Ct);
    }
}
