using ReferralNet.Operator.Tests.Support;

namespace ReferralNet.Operator.Tests.ErrorQueues;

public sealed class Discarding_failed_messages(ManagedBroker broker)
{
    [Fact]
    public async Task Removes_exactly_the_chosen_message_and_logs_the_reason_with_its_id_type_and_queue()
    {
        await using var scene = await Scene.StartAsync(broker);
        var ids = await scene.FailAsync(3);

        var run = await scene.Tool.RunAsync("discard", ids[1].ToString(), "--reason", "duplicate of rf-1, handled by phone");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new[] { ids[0], ids[2] }.Select(i => i.ToString()).Order(), (await Queues.IdsAsync(scene.ConnectionString, Scene.ErrorQueue)).Order());
        var logged = Assert.Single(await File.ReadAllLinesAsync(scene.DiscardLog));
        Assert.Matches($@"^\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ discarded message {ids[1]} type CaseNote from {Scene.ErrorQueue} \(failed on {ConsumingService.Queue}\) reason ""duplicate of rf-1, handled by phone""$", logged);
        Assert.Contains(logged, run.Output);
        Assert.DoesNotContain("Maria", run.All + logged);
    }

    [Fact]
    public async Task Removes_every_message_with_all_and_logs_each()
    {
        await using var scene = await Scene.StartAsync(broker);
        var ids = await scene.FailAsync(2);

        var run = await scene.Tool.RunAsync("discard", "--all", "--reason", "test data");

        Assert.Contains("2 message(s) discarded", run.Output);
        Assert.Equal(0u, await Queues.CountAsync(scene.ConnectionString, Scene.ErrorQueue));
        var lines = await File.ReadAllLinesAsync(scene.DiscardLog);
        Assert.Equal(ids.Select(i => i.ToString()).Order(), lines.Select(l => l.Split(' ')[3]).Order());
    }

    [Fact]
    public async Task Refuses_without_a_reason_and_removes_nothing()
    {
        await using var scene = await Scene.StartAsync(broker);
        var id = Assert.Single(await scene.FailAsync(1));

        var run = await scene.Tool.RunAsync("discard", id.ToString());

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("discard needs --reason", run.Error);
        Assert.Equal(1u, await Queues.CountAsync(scene.ConnectionString, Scene.ErrorQueue));
        Assert.False(File.Exists(scene.DiscardLog));
    }
}
