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
    public async Task A_message_that_fails_again_goes_back_to_the_error_queue_without_the_old_fault()
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
