using ReferralNet.Operator.Tests.Support;

namespace ReferralNet.Operator.Tests.ErrorQueues;

public sealed class Listing_error_queues(ManagedBroker broker)
{
    [Fact]
    public async Task Shows_each_failed_messages_id_type_queue_error_and_time_but_never_its_body()
    {
        await using var scene = await Scene.StartAsync(broker);
        var ids = await scene.FailAsync(2);

        var run = await scene.Tool.RunAsync("list");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"{Scene.ErrorQueue}: 2 message(s)", run.Output);
        foreach (var id in ids)
        {
            var line = Assert.Single(run.Output.Split('\n'), l => l.Contains(id.ToString()));
            Assert.Contains("CaseNote", line);
            Assert.Contains(ConsumingService.Queue + " ", line);
            Assert.Contains("InvalidOperationException: case note for referral rf-", line);
            Assert.Matches(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", line);
        }
        Assert.DoesNotContain("Maria", run.All);
        Assert.DoesNotContain("1990", run.All);
    }

    [Fact]
    public async Task Consumes_nothing_however_often_it_lists()
    {
        await using var scene = await Scene.StartAsync(broker);
        var ids = await scene.FailAsync(3);

        await scene.Tool.RunAsync("list");
        var again = await scene.Tool.RunAsync("list", "--queue", ConsumingService.Queue);

        Assert.Contains($"{Scene.ErrorQueue}: 3 message(s)", again.Output);
        Assert.Equal(ids.Select(i => i.ToString()).Order(), (await Queues.IdsAsync(scene.ConnectionString, Scene.ErrorQueue)).Order());
    }

    [Fact]
    public async Task Shows_only_the_first_line_of_the_error_capped()
    {
        await using var scene = await Scene.StartAsync(broker);
        var longLine = "referral rf-9 failed " + new string('x', 400);
        await scene.FailAsync(1, failure: longLine + "\nsecond line with more detail");

        var run = await scene.Tool.RunAsync("list");

        var line = Assert.Single(run.Output.Split('\n'), l => l.Contains("referral rf-9 failed"));
        Assert.DoesNotContain("second line", run.Output);
        var error = line[line.IndexOf("InvalidOperationException", StringComparison.Ordinal)..].TrimEnd();
        Assert.Equal(160, error.Length);
        Assert.EndsWith("…", error);
    }

    [Fact]
    public async Task Says_so_when_there_are_no_error_queues()
    {
        var connectionString = await broker.NewVirtualHostAsync();
        var tool = new Tool(connectionString, broker.ManagementUrl, Path.Combine(Path.GetTempPath(), "unused-discards.log"));

        var run = await tool.RunAsync("list");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("no error queues on", run.Output);
        Assert.Contains("no message has failed there", run.Output);
    }

    [Fact]
    public async Task Says_so_when_the_error_queues_are_empty()
    {
        await using var scene = await Scene.StartAsync(broker);
        var id = Assert.Single(await scene.FailAsync(1));
        Assert.Equal(0, (await scene.Tool.RunAsync("discard", id.ToString(), "--reason", "test")).ExitCode);

        var run = await scene.Tool.RunAsync("list");

        Assert.Contains("the 1 error queue(s) are empty: no failed messages", run.Output);
    }

    [Fact]
    public async Task Says_the_broker_cannot_be_reached_and_what_to_do()
    {
        var nothingThere = $"amqp://operator:secret@127.0.0.1:{ReferralNet.Testing.FreePort.Next()}/";
        var tool = new Tool(nothingThere, broker.ManagementUrl, Path.Combine(Path.GetTempPath(), "unused-discards.log"));

        var run = await tool.RunAsync("list");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot reach the broker at amqp://operator:***@127.0.0.1:", run.Error);
        Assert.Contains("--broker", run.Error);
    }

    [Fact]
    public async Task Says_the_management_api_cannot_be_reached_and_that_naming_the_queue_avoids_it()
    {
        await using var scene = await Scene.StartAsync(broker);
        await scene.FailAsync(1);
        var noManagement = new Tool(scene.ConnectionString, $"http://127.0.0.1:{ReferralNet.Testing.FreePort.Next()}", scene.DiscardLog);

        var run = await noManagement.RunAsync("list");
        var named = await noManagement.RunAsync("list", "--queue", Scene.ErrorQueue);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot reach the RabbitMQ management API", run.Error);
        Assert.Contains("--queue", run.Error);
        Assert.Equal(0, named.ExitCode);
        Assert.Contains($"{Scene.ErrorQueue}: 1 message(s)", named.Output);
    }
}
