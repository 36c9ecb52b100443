namespace ReferralNet.Operator.Tests;

public sealed class Command_line
{
    [Theory]
    [InlineData(new string[0], "say what to do")]
    [InlineData(new[] { "purge" }, "'purge' is not a command")]
    [InlineData(new[] { "replay" }, "replay needs a message id")]
    [InlineData(new[] { "replay", "abc", "--all" }, "replay needs a message id")]
    [InlineData(new[] { "discard", "--all" }, "discard needs --reason")]
    [InlineData(new[] { "list", "--queue" }, "--queue needs a value")]
    [InlineData(new[] { "list", "--broker", "http://x" }, "--broker 'http://x' is not an amqp URI")]
    public async Task Says_what_is_wrong_with_a_command_line_and_exits_with_1(string[] args, string expected)
    {
        var error = new StringWriter();

        var code = await OperatorCli.RunAsync(args, new StringWriter(), error, _ => null);

        Assert.Equal(1, code);
        Assert.Contains(expected, error.ToString());
    }

    [Fact]
    public void Takes_the_broker_from_the_environment_unless_an_option_names_one()
    {
        var environment = new Dictionary<string, string?> { ["REFERRALNET_BROKER"] = "amqp://ops:secret@broker:5673/network" };

        var fromEnvironment = OperatorSettings.Parse(["list"], k => environment.GetValueOrDefault(k));
        var fromOption = OperatorSettings.Parse(["list", "--broker", "amqp://operator:secret@127.0.0.1:5672/"], k => environment.GetValueOrDefault(k));

        Assert.Equal(("broker", 5673, "network", "amqp://ops:***@broker:5673/network"),
            (fromEnvironment.Broker.Host, fromEnvironment.Broker.Port, fromEnvironment.VirtualHost, fromEnvironment.BrokerForDisplay));
        Assert.Equal(("127.0.0.1", "/"), (fromOption.Broker.Host, fromOption.VirtualHost));
        Assert.Equal(OperatorSettings.DefaultDiscardLog, fromOption.DiscardLog);
    }
}
