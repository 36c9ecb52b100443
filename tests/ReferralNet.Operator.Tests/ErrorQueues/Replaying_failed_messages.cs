using ReferralNet.Operator.Tests.Support;
using ReferralNet.Testing;

namespace ReferralNet.Operator.Tests.ErrorQueues;

public sealed class Replaying_failed_messages(ManagedBroker broker)
{
    [Fact]
    public async Task Returns_one_message_to_its_queue_where_the_now_healthy_consumer_processes_it()
    {
        await using var scene = await Scene.StartAsync(broker);
        var ids = await scene.FailAsync(2);
        scene.Service.Broken = false;

        var run = await scene.Tool.RunAsync("replay", ids[0].ToString());

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"replayed message {ids[0]} type CaseNote from {Scene.ErrorQueue} to {ConsumingService.Queue}", run.Output);
        await Eventually.HoldsAsync(() => scene.Service.HasConsumed(ids[0]), "the replayed message consumed");
        Assert.Equal([ids[1].ToString()], await Queues.IdsAsync(scene.ConnectionString, Scene.ErrorQueue));
        Assert.False(scene.Service.HasConsumed(ids[1]));
    }

    [Fact]
    public async Task Returns_every_message_with_all()
    {
        await using var scene = await Scene.StartAsync(broker);
        var ids = await scene.FailAsync(3);
        scene.Service.Broken = false;

        var run = await scene.Tool.RunAsync("replay", "--all");

        Assert.Contains("3 message(s) replayed", run.Output);
        await Eventually.HoldsAsync(() => ids.All(scene.Service.HasConsumed), "every replayed message consumed");
        Assert.Equal(0u, await Queues.CountAsync(scene.ConnectionString, Scene.ErrorQueue));
    }

    [Fact]
    public async Task A_message_that_fails_again_returns_to_the_error_queue_once()
    {
        await using var scene = await Scene.StartAsync(broker);
        var id = Assert.Single(await scene.FailAsync(1));

        var run = await scene.Tool.RunAsync("replay", id.ToString());

        Assert.Equal(0, run.ExitCode);
        // Still broken: it fails again and comes back once, not twice.
        await Eventually.HoldsAsync(async () => await Queues.CountAsync(scene.ConnectionString, Scene.ErrorQueue) == 1, "the message back in the error queue");
        var list = await scene.Tool.RunAsync("list");
        Assert.Single(list.Output.Split('\n'), l => l.Contains(id.ToString()));
    }

    [Fact]
    public async Task Publishes_the_same_body_and_headers_without_the_fault_headers()
    {
        await using var scene = await Scene.StartAsync(broker);
        var id = Assert.Single(await scene.FailAsync(1));
        var failed = Assert.Single(await Queues.MessagesAsync(scene.ConnectionString, Scene.ErrorQueue));
        Assert.Contains(failed.Headers.Keys, k => k.StartsWith("MT-Fault-", StringComparison.Ordinal));
        // No consumer now: the replayed copy stays in the queue for the test to read.
        await scene.Service.DisposeAsync();

        var run = await scene.Tool.RunAsync("replay", id.ToString());

        Assert.Equal(0, run.ExitCode);
        var replayed = Assert.Single(await Queues.MessagesAsync(scene.ConnectionString, ConsumingService.Queue));
        Assert.Equal(id.ToString(), replayed.MessageId);
        Assert.Equal(failed.Body, replayed.Body);
        Assert.Equal(failed.ContentType, replayed.ContentType);
        Assert.DoesNotContain(replayed.Headers.Keys, k => k.StartsWith("MT-Fault-", StringComparison.Ordinal) || k == "MT-Reason");
        Assert.Equal(failed.Headers.Keys.Where(k => !k.StartsWith("MT-Fault-", StringComparison.Ordinal) && k != "MT-Reason").Order(), replayed.Headers.Keys.Order());
        Assert.Equal(0u, await Queues.CountAsync(scene.ConnectionString, Scene.ErrorQueue));
    }

    [Fact]
    public async Task Keeps_the_message_and_says_so_when_the_queue_it_failed_on_is_gone()
    {
        await using var scene = await Scene.StartAsync(broker);
        var id = Assert.Single(await scene.FailAsync(1));
        await scene.Service.DisposeAsync();
        await Queues.DeleteAsync(scene.ConnectionString, ConsumingService.Queue);

        var run = await scene.Tool.RunAsync("replay", id.ToString());

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"failed on queue '{ConsumingService.Queue}', which no longer exists", run.Error);
        Assert.Equal([id.ToString()], await Queues.IdsAsync(scene.ConnectionString, Scene.ErrorQueue));
    }

    [Fact]
    public async Task Says_so_for_a_message_id_that_is_not_there_and_leaves_the_queue_alone()
    {
        await using var scene = await Scene.StartAsync(broker);
        var ids = await scene.FailAsync(2);

        var run = await scene.Tool.RunAsync("replay", "no-such-id");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no message 'no-such-id' in", run.Error);
        Assert.Contains("deploy/errors.sh list", run.Error);
        Assert.Equal(ids.Select(i => i.ToString()).Order(), (await Queues.IdsAsync(scene.ConnectionString, Scene.ErrorQueue)).Order());
    }
}
