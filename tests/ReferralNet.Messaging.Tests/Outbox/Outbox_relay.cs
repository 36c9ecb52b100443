using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using ReferralNet.Messaging.Outbox;
using ReferralNet.Messaging.Tests.Support;
using ReferralNet.Testing;

namespace ReferralNet.Messaging.Tests.Outbox;

public sealed class Outbox_relay(BrokerFixture broker)
{
    static readonly ActivitySource TestSource = new(MessagingHost.TestSourceName);
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Sends_a_committed_message_and_marks_it_sent_once_the_broker_confirmed_it()
    {
        await using var host = await MessagingHost.StartAsync(await broker.NewVirtualHostAsync());

        var messageId = await host.WriteToOutboxAsync("shelter-a");

        await host.Received.WaitForAsync(r => r.Any(m => m.MessageId == messageId), Patience);
        await Eventually.HoldsAsync(() => host.QueryAsync(db => db.Outbox.AnyAsync(m => m.MessageId == messageId && m.SentAt != null)), "row marked sent");
        Assert.Single(host.Received.All, m => m.MessageId == messageId);
    }

    [Fact]
    public async Task Keeps_no_body_of_a_point_to_point_message_once_the_broker_has_it()
    {
        await using var host = await MessagingHost.StartAsync(await broker.NewVirtualHostAsync());

        var (sent, published) = await host.QueryAsync(async db =>
        {
            // Sent straight to the consumer's queue, as everything about a referral is.
            var direct = db.AddToOutbox(MessagingHost.Change("point-to-point"), "queue:bbtest-counting");
            var fanOut = db.AddToOutbox(MessagingHost.Change("published"));
            await db.SaveChangesAsync();
            return (direct.MessageId, fanOut.MessageId);
        });

        await host.Received.WaitForAsync(r => r.Any(m => m.MessageId == sent) && r.Any(m => m.MessageId == published), Patience);
        await Eventually.HoldsAsync(() => host.QueryAsync(db => db.Outbox.AnyAsync(m => m.MessageId == sent && m.SentAt != null)), "row marked sent");
        Assert.Equal("", await host.QueryAsync(db => db.Outbox.Where(m => m.MessageId == sent).Select(m => m.Body).SingleAsync()));
        Assert.Contains("published", await host.QueryAsync(db => db.Outbox.Where(m => m.MessageId == published).Select(m => m.Body).SingleAsync()));
    }

    [Fact]
    public async Task Is_woken_by_the_commit_and_does_not_wait_for_the_poll()
    {
        // A poll every ten minutes: only the commit signal can deliver within the test's patience.
        var service = "woken-" + Guid.NewGuid().ToString("N")[..8];
        await using var host = await MessagingHost.StartAsync(await broker.NewVirtualHostAsync(), pollingInterval: TimeSpan.FromMinutes(10), serviceName: service);
        // The first pass has read the empty outbox and is going to sleep: the row written next is for
        // a pass that only the signal (or the poll, ten minutes on) starts.
        await Eventually.HoldsAsync(() => OutboxMetrics.PassesOf(service).Completed >= 1, "the relay's first pass");

        var messageId = await host.WriteToOutboxAsync("shelter-b");

        await host.Received.WaitForAsync(r => r.Any(m => m.MessageId == messageId), Patience);
    }

    [Fact]
    public async Task Sends_nothing_of_a_transaction_that_rolled_back()
    {
        await using var host = await MessagingHost.StartAsync(await broker.NewVirtualHostAsync());

        await host.QueryAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.AddToOutbox(MessagingHost.Change("rolled-back"));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
            return 0;
        });
        var committed = await host.WriteToOutboxAsync("committed");

        await host.Received.WaitForAsync(r => r.Any(m => m.MessageId == committed), Patience);
        Assert.DoesNotContain(host.Received.All, m => m.Message.ShelterId == "rolled-back");
        Assert.Equal(0, await host.QueryAsync(db => db.Outbox.CountAsync(m => m.Body.Contains("rolled-back"))));
    }

    [Fact]
    // Named for what it checks: the order on the wire is not asserted here (the consumer takes
    // messages concurrently, so arrival order would not show it).
    public async Task Sends_and_marks_every_row_of_a_batch_written_in_one_transaction()
    {
        await using var host = await MessagingHost.StartAsync(await broker.NewVirtualHostAsync());

        await host.QueryAsync(async db =>
        {
            for (var version = 1; version <= 20; version++)
                db.AddToOutbox(MessagingHost.Change("ordered", version));
            await db.SaveChangesAsync();
            return 0;
        });

        await host.Received.WaitForAsync(r => r.Count(m => m.Message.ShelterId == "ordered") == 20, Patience);
        // The relay marks its rows once the broker has confirmed them all, which can be after the
        // consumer already has them: wait for the mark rather than read it the moment they arrive.
        await Eventually.HoldsAsync(() => host.QueryAsync(db => db.Outbox.AllAsync(m => m.SentAt != null)), "every row marked sent");
    }

    [Fact]
    public async Task Delivers_a_message_written_while_the_broker_is_down_once_it_is_back()
    {
        // Its own broker: this test stops it, and the assembly's broker is shared.
        await using var ownBroker = await RabbitMqBroker.StartAsync(TestContext.Current.CancellationToken);
        await using var host = await MessagingHost.StartAsync(ownBroker.ConnectionString);
        var before = await host.WriteToOutboxAsync("before-outage");
        await host.Received.WaitForAsync(r => r.Any(m => m.MessageId == before), Patience);

        await ownBroker.StopAsync();
        var during = await host.WriteToOutboxAsync("during-outage");
        // A failed attempt is saved with the outcome of every row of its pass: once it shows, the
        // relay has tried this row while the broker was down, and that try is over.
        await Eventually.HoldsAsync(() => host.QueryAsync(db => db.Outbox.AnyAsync(m => m.MessageId == during && m.Attempts > 0)), "a failed attempt to send the row");
        Assert.False(await host.QueryAsync(db => db.Outbox.AnyAsync(m => m.MessageId == during && m.SentAt != null)),
            "a row must not be marked sent while the broker is down");

        await ownBroker.StartAgainAsync(TestContext.Current.CancellationToken);

        await host.Received.WaitForAsync(r => r.Any(m => m.MessageId == during), TimeSpan.FromSeconds(90));
        await Eventually.HoldsAsync(() => host.QueryAsync(db => db.Outbox.AnyAsync(m => m.MessageId == during && m.SentAt != null)), "row marked sent after the outage");
        Assert.Single(host.Received.All, m => m.MessageId == during);
    }

    [Fact]
    public async Task Ends_a_pass_whose_send_the_broker_never_answers_and_sends_the_row_once_it_answers()
    {
        // Its own broker: this test freezes it (SIGSTOP), as a hung node or a partition would. The
        // connection stays open, so the send waits on a broker that neither answers nor closes.
        await using var ownBroker = await RabbitMqBroker.StartAsync(TestContext.Current.CancellationToken);
        var service = "frozen-" + Guid.NewGuid().ToString("N")[..8];
        var sendTimeout = TimeSpan.FromSeconds(2);
        await using var host = await MessagingHost.StartAsync(ownBroker.ConnectionString, serviceName: service,
            settings: new Dictionary<string, string?> { ["ReferralNet:Outbox:SendTimeout"] = sendTimeout.ToString() });
        var before = await host.WriteToOutboxAsync("before-freeze");
        await host.Received.WaitForAsync(r => r.Any(m => m.MessageId == before), Patience);

        Guid during;
        ownBroker.Freeze();
        try
        {
            var failedBefore = OutboxMetrics.PassesOf(service).Failed;
            during = await host.WriteToOutboxAsync("during-freeze");
            // A relay stuck in that send would never finish a pass again: the pass must end (failed)
            // well before the broker comes back.
            await Eventually.HoldsAsync(() => OutboxMetrics.PassesOf(service).Failed > failedBefore,
                "a relay pass that ended while the broker was frozen", TimeSpan.FromSeconds(30));
            Assert.False(await host.QueryAsync(db => db.Outbox.AnyAsync(m => m.MessageId == during && m.SentAt != null)),
                "a row must not be marked sent while the broker does not answer");
        }
        finally
        {
            ownBroker.Thaw();
        }

        await host.Received.WaitForAsync(r => r.Any(m => m.MessageId == during), TimeSpan.FromSeconds(90));
        await Eventually.HoldsAsync(() => host.QueryAsync(db => db.Outbox.AnyAsync(m => m.MessageId == during && m.SentAt != null)), "row marked sent once the broker answers");
    }

    [Fact]
    public async Task Shows_operators_the_backlog_and_its_age_while_the_broker_is_down()
    {
        await using var ownBroker = await RabbitMqBroker.StartAsync(TestContext.Current.CancellationToken);
        var service = "backlog-" + Guid.NewGuid().ToString("N")[..8];
        await using var host = await MessagingHost.StartAsync(ownBroker.ConnectionString, serviceName: service);

        await ownBroker.StopAsync();
        for (var i = 0; i < 3; i++)
            await host.WriteToOutboxAsync("waiting-" + i);

        await Eventually.ReturnsAsync(() => Task.FromResult(OutboxMetrics.Of(service)), b => b.Rows == 3 && b.OldestAgeSeconds > 0, "a backlog of 3 with an age");
        Assert.Equal(3, ObservedBacklog(service));
        await Eventually.HoldsAsync(() => OutboxMetrics.PassesOf(service).Failed > 0, "failed relay passes while the broker is down");
        Assert.True(Observed("referralnet.outbox.failed_passes", service) > 0);

        await ownBroker.StartAgainAsync(TestContext.Current.CancellationToken);
        await Eventually.ReturnsAsync(() => Task.FromResult(OutboxMetrics.Of(service)), b => b.Rows == 0, "the backlog drained", TimeSpan.FromSeconds(90));
        Assert.Equal(0, ObservedBacklog(service));
    }

    static long? ObservedBacklog(string service) => Observed("referralnet.outbox.backlog", service);

    // What an exporter would read from the instrument, through the same listener mechanism.
    static long? Observed(string instrumentName, string service)
    {
        long? observed = null;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "ReferralNet" && instrument.Name == instrumentName)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "referralnet.service" && (string?)tag.Value == service)
                    observed = value;
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return observed;
    }

    [Fact]
    public async Task Continues_the_trace_of_the_request_that_wrote_the_row()
    {
        await using var host = await MessagingHost.StartAsync(await broker.NewVirtualHostAsync());

        ActivityTraceId requestTrace;
        Guid messageId;
        using (var request = TestSource.StartActivity("request", ActivityKind.Server))
        {
            Assert.NotNull(request);
            requestTrace = request.TraceId;
            messageId = await host.WriteToOutboxAsync("traced");
        }

        await host.Received.WaitForAsync(r => r.Any(m => m.MessageId == messageId), Patience);
        Assert.Equal(requestTrace, host.Received.All.Single(m => m.MessageId == messageId).TraceId);
        await Eventually.HoldsAsync(() => host.Spans.Snapshot().Any(s =>
            s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer && s.TraceId == requestTrace), "consumer span in the request's trace");
    }
}
