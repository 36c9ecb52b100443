using ReferralNet.Messaging.Failpoints;

namespace ReferralNet.Faults;

/// <summary>Every scenario of the suite, in the order it runs them.</summary>
static class Scenarios
{
    /// <summary>The relay pass (with rows to send) at which the sender's failpoints fire: early, so most referrals go after the restart.</summary>
    const int SenderRelayPass = 10;

    static readonly TimeSpan DeliveredAfterRestartTarget = TimeSpan.FromSeconds(10);

    public static readonly IReadOnlyList<Scenario> All =
    [
        new("broker-kill", "kill -9 the broker a third of the way in, start it again after 5 s", BrokerKillAsync, OwnBroker: true),
        new("broker-graceful-restart", "rabbitmqctl shutdown a third of the way in, start it again at once", BrokerGracefulRestartAsync, OwnBroker: true),
        new("broker-restarts-x3", "kill -9 the broker and start it again, three times in a row", BrokerRestartsAsync, OwnBroker: true),
        new("recipient-kill-before-commit", "kill -9 Medical in its inbox, effects saved but not committed", c => RecipientKillAsync(c, "recipient-kill-before-commit", FailpointNames.InboxBeforeCommit), OwnBroker: false),
        new("recipient-kill-after-commit", "kill -9 Medical after its inbox commit, before the ack", c => RecipientKillAsync(c, "recipient-kill-after-commit", FailpointNames.InboxAfterCommit), OwnBroker: false),
        new("sender-kill-before-send", "kill -9 LegalAid after its commit, before its relay sent", c => SenderKillAsync(c, "sender-kill-before-send", FailpointNames.OutboxBeforeSend), OwnBroker: false),
        new("sender-kill-after-send", "kill -9 LegalAid after the broker confirmed, before the row was marked sent", c => SenderKillAsync(c, "sender-kill-after-send", FailpointNames.OutboxAfterSendBeforeMark), OwnBroker: false),
        new("cluster-node-kill", "3-node cluster, quorum queues: kill -9 the node the services connected to", ClusterNodeKillAsync, OwnBroker: true),
        new("broker-outage", "broker unreachable for the outage; the API keeps accepting", BrokerOutageAsync, OwnBroker: true),
        new("poison", "malformed messages into every queue of the four services", PoisonScenario.RunAsync, OwnBroker: false),
    ];

    static Task<ScenarioResult> BrokerKillAsync(ScenarioContext context) =>
        ReferralRun.RunAsync(context, "broker-kill", All[0].Fault, async run =>
        {
            var broker = run.Network.Broker!;
            await run.Load.WhenAcceptedAsync(run.Scale.Referrals / 3, run.Ct);
            await broker.KillAsync();
            run.Log($"broker killed (kill -9) after {run.Load.Accepted.Count} referrals were accepted");
            await Task.Delay(run.Scale.BrokerDown, run.Ct);
            await broker.StartAgainAsync(run.Ct);
            run.Healed();
            run.Log($"broker back after {run.Load.Accepted.Count} referrals were accepted");
        });

    static Task<ScenarioResult> BrokerGracefulRestartAsync(ScenarioContext context) =>
        ReferralRun.RunAsync(context, "broker-graceful-restart", All[1].Fault, async run =>
        {
            var broker = run.Network.Broker!;
            await run.Load.WhenAcceptedAsync(run.Scale.Referrals / 3, run.Ct);
            await broker.StopAsync();
            run.Log($"broker shut down gracefully after {run.Load.Accepted.Count} referrals were accepted");
            await broker.StartAgainAsync(run.Ct);
            run.Healed();
            run.Log($"broker back after {run.Load.Accepted.Count} referrals were accepted");
        });

    static Task<ScenarioResult> BrokerRestartsAsync(ScenarioContext context) =>
        ReferralRun.RunAsync(context, "broker-restarts-x3", All[2].Fault, async run =>
        {
            var broker = run.Network.Broker!;
            await run.Load.WhenAcceptedAsync(run.Scale.Referrals / 4, run.Ct);
            for (var i = 1; i <= 3; i++)
            {
                await broker.KillAsync();
                run.Log($"broker killed ({i} of 3) after {run.Load.Accepted.Count} referrals were accepted");
                await broker.StartAgainAsync(run.Ct);
            }
            run.Healed();
            run.Log($"broker back for good after {run.Load.Accepted.Count} referrals were accepted");
        });

    static Task<ScenarioResult> RecipientKillAsync(ScenarioContext context, string name, string failpoint) =>
        ReferralRun.RunAsync(context, name, All.Single(s => s.Name == name).Fault,
            run => run.RestartAfterFailpointAsync(run.Network[ReferralRun.RecipientService], failpoint),
            settings: Armed(ReferralRun.RecipientService, $"{failpoint}:{context.Scale.Referrals / 2}"));

    static Task<ScenarioResult> SenderKillAsync(ScenarioContext context, string name, string failpoint) =>
        ReferralRun.RunAsync(context, name, All.Single(s => s.Name == name).Fault, async run =>
        {
            var sender = run.Network[ReferralRun.SenderService];
            // The rows committed before the crash: each must reach the recipient soon after the restart.
            var (back, before) = await run.RestartAfterFailpointAsync(sender, failpoint);
            if (await run.WaitForReceiptsAsync(before, back) is not { } took)
                return;
            run.Figures["delivered after restart s"] = Math.Round(took.TotalSeconds, 1);
            run.Log($"the {before.Count} referrals accepted before the crash all had receipts {took.TotalSeconds:0.0} s after the restart");
            if (took > DeliveredAfterRestartTarget)
            {
                var note = $"referrals committed before the crash took {took.TotalSeconds:0.0} s after the restart to be delivered (target {DeliveredAfterRestartTarget.TotalSeconds:0} s)";
                (run.Scale.EnforceTargets ? run.Failures : run.Findings).Add(note);
            }
        }, settings: Armed(ReferralRun.SenderService, $"{failpoint}:{SenderRelayPass}"));

    static Task<ScenarioResult> ClusterNodeKillAsync(ScenarioContext context) =>
        ReferralRun.RunAsync(context, "cluster-node-kill", All.Single(s => s.Name == "cluster-node-kill").Fault, async run =>
        {
            var cluster = run.Network.Cluster!;
            var queues = await run.Network.QueuesAsync();
            var classic = queues.Where(q => q.Name.EndsWith("-referrals", StringComparison.Ordinal) && q.Type != "quorum").ToList();
            if (classic.Count > 0 || !queues.Any(q => q.Name.EndsWith("-referrals", StringComparison.Ordinal)))
                run.Failures.Add($"the services' referral queues are not all quorum queues: {string.Join(", ", queues.Select(q => $"{q.Name} ({q.Type})"))}");
            await run.Load.WhenAcceptedAsync(run.Scale.Referrals / 3, run.Ct);
            // The first node is the one both services connected to: they must move to another.
            await cluster.Nodes[0].KillAsync();
            run.Healed();
            run.Log($"node {cluster.Nodes[0].NodeName} killed (kill -9) after {run.Load.Accepted.Count} referrals were accepted; it stays down");
        }, cluster: true);

    static Task<ScenarioResult> BrokerOutageAsync(ScenarioContext context) =>
        ReferralRun.RunAsync(context, "broker-outage", All.Single(s => s.Name == "broker-outage").Fault, async run =>
        {
            var broker = run.Network.Broker!;
            await run.Load.WhenAcceptedAsync(run.Scale.Referrals / 10, run.Ct);
            await broker.KillAsync();
            var down = run.Now;
            var acceptedBefore = run.Load.Accepted.Count;
            run.Log($"broker down after {acceptedBefore} referrals were accepted; it stays down {run.Scale.Outage.TotalSeconds:0} s");
            await Task.Delay(run.Scale.Outage, run.Ct);
            var acceptedDuring = run.Load.Accepted.Count - acceptedBefore;
            await broker.StartAgainAsync(run.Ct);
            run.Healed();
            var outage = run.Now - down;
            run.Figures["accepted during outage"] = acceptedDuring;
            run.Figures["outage s"] = Math.Round(outage.TotalSeconds, 1);
            run.Log($"broker back after {outage.TotalSeconds:0.0} s unreachable (including its start); the API accepted {acceptedDuring} referrals meanwhile");
            run.DrainTarget = 2 * outage;
        });

    static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Armed(string service, string failpoints) =>
        new Dictionary<string, IReadOnlyDictionary<string, string>> { [service] = new Dictionary<string, string> { ["ReferralNet:Failpoints"] = failpoints } };
}
