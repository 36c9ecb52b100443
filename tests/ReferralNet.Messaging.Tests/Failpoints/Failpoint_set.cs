using ReferralNet.Messaging.Failpoints;

namespace ReferralNet.Messaging.Tests.Failpoints;

public sealed class Failpoint_set
{
    [Fact]
    public void Is_inactive_in_this_process_because_no_variable_arms_it()
    {
        Assert.Null(Environment.GetEnvironmentVariable(Failpoint.EnvironmentVariable));
        Assert.Empty(Failpoint.Current.Armed);
        // Passing every point many times in an unarmed process does nothing (it would kill the test run).
        foreach (var name in FailpointNames.All)
            for (var i = 0; i < 100; i++)
                Failpoint.Hit(name);
    }

    [Fact]
    public void Fires_once_at_the_armed_hit_and_never_before_or_after()
    {
        var fired = new List<string>();
        var set = new FailpointSet("inbox-after-commit:3", fired.Add);

        set.Hit(FailpointNames.InboxAfterCommit);
        set.Hit(FailpointNames.InboxAfterCommit);
        Assert.Empty(fired);
        set.Hit(FailpointNames.InboxAfterCommit);
        Assert.Equal([FailpointNames.InboxAfterCommit], fired);
        set.Hit(FailpointNames.InboxAfterCommit);
        Assert.Single(fired);
    }

    [Fact]
    public void Counts_each_point_on_its_own_and_ignores_points_not_armed()
    {
        var fired = new List<string>();
        var set = new FailpointSet(" outbox-before-send , inbox-before-commit:2 ", fired.Add);

        set.Hit(FailpointNames.InboxAfterCommit);
        set.Hit(FailpointNames.InboxBeforeCommit);
        set.Hit(FailpointNames.OutboxBeforeSend);
        set.Hit(FailpointNames.InboxBeforeCommit);

        Assert.Equal([FailpointNames.OutboxBeforeSend, FailpointNames.InboxBeforeCommit], fired);
        Assert.Equal(new Dictionary<string, int> { [FailpointNames.OutboxBeforeSend] = 1, [FailpointNames.InboxBeforeCommit] = 2 }, set.Armed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" , ")]
    public void Arms_nothing_without_a_specification(string? specification) =>
        Assert.Empty(new FailpointSet(specification, _ => Assert.Fail("nothing is armed")).Armed);

    [Theory]
    [InlineData("inbox-befor-commit", "'inbox-befor-commit' is not a failpoint; use one of: inbox-before-commit, inbox-after-commit, outbox-before-send, outbox-after-send-before-mark")]
    [InlineData("inbox-before-commit:0", "the hit count of 'inbox-before-commit' must be a whole number of at least 1, not '0'")]
    [InlineData("outbox-before-send:two", "the hit count of 'outbox-before-send' must be a whole number of at least 1, not 'two'")]
    public void Refuses_a_malformed_specification_naming_what_is_wrong(string specification, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new FailpointSet(specification, _ => { }));
        Assert.StartsWith($"{Failpoint.EnvironmentVariable}: {expected}", error.Message);
    }
}
