using ReferralNet.Faults;
using ReferralNet.Testing;

namespace ReferralNet.Faults.Tests;

/// <summary>
/// The fault suite's short form, one scenario per test, with the same code deploy/faults.sh runs
/// (fewer referrals, a shorter outage). A test fails on any lost, doubled or unexpected referral,
/// an undrained queue, a poison count that is not exact, or a service that did not survive; timing
/// targets are reported in the output, not asserted, so a slow shared box does not fail them.
/// </summary>
public sealed class Fault_suite(BrokerFixture broker)
{
    async Task RunAsync(string name)
    {
        var scenario = Scenarios.All.Single(s => s.Name == name);
        using var log = new StringWriter();
        // Scenarios that leave the broker alone share the assembly's broker, each in its own virtual host.
        var result = await FaultsCommand.RunOneAsync(scenario, Checkout.Find(), FaultScale.Short, log, TestContext.Current.CancellationToken, broker.Broker);
        ResultsTable.Print(log, [result]);
        TestContext.Current.TestOutputHelper?.WriteLine(log.ToString());
        Assert.True(result.Passed, $"{name} failed:\n  {string.Join("\n  ", result.Failures)}\n{log}");
        // A scenario that sent nothing would pass trivially.
        Assert.True(result.Sent >= FaultScale.Short.Referrals || name == "poison" && result.Sent >= 2 * FaultScale.Short.ThroughputReferrals, $"{name} sent only {result.Sent} referrals\n{log}");
        Assert.Equal(result.Sent, result.Delivered);
    }

    [Fact]
    public Task A_broker_killed_mid_run_and_started_after_5_s_loses_and_doubles_nothing() => RunAsync("broker-kill");

    [Fact]
    public Task A_broker_restarted_gracefully_mid_run_loses_and_doubles_nothing() => RunAsync("broker-graceful-restart");

    [Fact]
    public Task A_broker_killed_three_times_in_a_row_loses_and_doubles_nothing() => RunAsync("broker-restarts-x3");

    [Fact]
    public Task A_recipient_killed_before_its_inbox_commit_gets_the_message_again_and_takes_it_once() => RunAsync("recipient-kill-before-commit");

    [Fact]
    public Task A_recipient_killed_after_its_inbox_commit_but_before_the_ack_takes_the_redelivery_as_a_duplicate() => RunAsync("recipient-kill-after-commit");

    [Fact]
    public Task A_sender_killed_after_its_commit_but_before_its_relay_sent_delivers_after_the_restart() => RunAsync("sender-kill-before-send");

    [Fact]
    public Task A_sender_killed_after_the_broker_confirmed_but_before_marking_the_row_sent_sends_again_without_a_doubled_effect() => RunAsync("sender-kill-after-send");

    [Fact]
    public Task A_cluster_node_killed_mid_run_loses_nothing_on_quorum_queues() => RunAsync("cluster-node-kill");

    [Fact]
    public Task A_broker_outage_keeps_the_api_accepting_and_the_backlog_drains_afterwards() => RunAsync("broker-outage");

    [Fact]
    public Task Poison_messages_in_every_queue_end_in_error_queues_exactly_and_the_services_keep_running() => RunAsync("poison");
}
