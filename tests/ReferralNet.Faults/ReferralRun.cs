using System.Diagnostics;
using ReferralNet.Testing;

namespace ReferralNet.Faults;

/// <summary>
/// The shape every referral scenario shares: start the broker and the two services, send the
/// scenario's referrals from justice-bridge (LegalAid) to st-mary-clinic (Medical) while the fault
/// happens, wait until the backlog has drained, then count lost, doubled and unexpected effects
/// and check that every queue is empty.
/// </summary>
sealed class ReferralRun
{
    public const string SenderService = "LegalAid";
    public const string RecipientService = "Medical";
    const string SenderOrganisation = "justice-bridge";
    const string SenderKey = "dev-justice-bridge-51f0a2";
    const string RecipientOrganisation = "st-mary-clinic";
    const string RecipientKey = "dev-st-mary-clinic-0d62b8";
    const string ReferredService = "medical:trauma-care";

    readonly Stopwatch _clock = Stopwatch.StartNew();
    TimeSpan? _healedAt;
    TimeSpan? _loadEndedAt;

    ReferralRun(ScenarioContext context, ProcessNetwork network)
    {
        Context = context;
        Network = network;
        Sender = new Desk(SenderOrganisation, SenderKey, network[SenderService]);
        Recipient = new Desk(RecipientOrganisation, RecipientKey, network[RecipientService]);
    }

    public ScenarioContext Context { get; }

    public ProcessNetwork Network { get; }

    public Desk Sender { get; }

    public Desk Recipient { get; }

    public ReferralLoad Load { get; private set; } = null!;

    public string SurvivorId { get; private set; } = "";

    public List<string> Findings { get; } = [];

    public List<string> Failures { get; } = [];

    public Dictionary<string, double> Figures { get; } = [];

    public FaultScale Scale => Context.Scale;

    public CancellationToken Ct => Context.Ct;

    public void Log(string line) => Context.Log(line);

    /// <summary>Marks the moment the fault is over (the broker or service is back): the drain is timed from here, or from the load's end if later.</summary>
    public void Healed() => _healedAt = _clock.Elapsed;

    public TimeSpan Now => _clock.Elapsed;

    /// <summary>Marks the end of the referrals' sending.</summary>
    public void LoadEnded() => _loadEndedAt = Now;

    /// <summary>Sends <see cref="FaultScale.Referrals"/> referrals with a fault acted out by <paramref name="actOut"/> meanwhile.</summary>
    /// <param name="settings">Per service (by name): configuration on top of the defaults, e.g. a failpoint.</param>
    public static Task<ScenarioResult> RunAsync(
        ScenarioContext context, string scenario, string fault, Func<ReferralRun, Task> actOut,
        bool cluster = false, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? settings = null) =>
        WithNetworkAsync(context, [SenderService, RecipientService], cluster, settings, async run =>
        {
            context.Log($"sending {context.Scale.Referrals} referrals {SenderOrganisation} → {RecipientOrganisation}, {context.Scale.Concurrency} in flight");
            // The referrals keep coming until the fault is over, even if the count was reached before.
            var faultOver = false;
            var load = run.StartLoad(context.Scale.Referrals, () => !Volatile.Read(ref faultOver));
            try
            {
                await actOut(run);
            }
            finally
            {
                Volatile.Write(ref faultOver, true);
            }
            await load.Completion;
            run.LoadEnded();
            return await run.FinishAsync(scenario, fault, new Dictionary<string, long>());
        });

    /// <summary>Starts <paramref name="services"/> (LegalAid and Medical among them) on a broker or cluster, registers the sender's survivor, and runs <paramref name="body"/>.</summary>
    public static async Task<ScenarioResult> WithNetworkAsync(
        ScenarioContext context, IReadOnlyList<string> services, bool cluster,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? settings, Func<ReferralRun, Task<ScenarioResult>> body)
    {
        await using var network = await ProcessNetwork.StartAsync(new ProcessNetworkOptions
        {
            Name = "faults",
            Checkout = context.Checkout,
            Services = services,
            Cluster = cluster,
            SharedBroker = context.SharedBroker,
            PerService = settings,
            Log = context.Log,
        }, context.Ct);
        var run = new ReferralRun(context, network);
        try
        {
            run.SurvivorId = await run.Sender.RegisterSurvivorAsync(context.Ct);
            var result = await body(run);
            network.KeepFolder = !result.Passed;
            return result;
        }
        catch
        {
            network.KeepFolder = true;
            throw;
        }
        finally
        {
            run.Sender.Dispose();
            run.Recipient.Dispose();
        }
    }

    /// <summary>Every load started in this run: together, what was sent.</summary>
    public List<ReferralLoad> Loads { get; } = [];

    /// <summary>The longest the drain may take before it counts against the scenario (enforced in the full form only).</summary>
    public TimeSpan? DrainTarget { get; set; }

    /// <summary>Waits until each of <paramref name="ids"/> has its receipt at the sender; how long that took from <paramref name="since"/>.</summary>
    public async Task<TimeSpan?> WaitForReceiptsAsync(IReadOnlyCollection<string> ids, TimeSpan since)
    {
        while (true)
        {
            var receipts = (await Sender.ReferralsAsync("sent", Ct)).Where(r => r.ReceivedAt is not null).Select(r => r.Id).ToHashSet();
            if (ids.All(receipts.Contains))
                return Now - since;
            if (Now - since > Scale.Patience)
                return null; // the drain check reports what never arrived
            await Task.Delay(Scale.PollInterval, Ct);
        }
    }

    public ReferralLoad StartLoad(int count, Func<bool>? keepGoing = null)
    {
        Load = ReferralLoad.Start(Sender, SurvivorId, RecipientOrganisation, ReferredService, count, Scale.Concurrency, Ct, keepGoing);
        Loads.Add(Load);
        return Load;
    }

    /// <summary>
    /// Waits for a failpoint to kill <paramref name="service"/>, then starts it again without the
    /// failpoint; returns when it was back and the referrals accepted before it died.
    /// </summary>
    public async Task<(TimeSpan Back, IReadOnlyList<string> AcceptedBeforeCrash)> RestartAfterFailpointAsync(ServiceProcess service, string failpoint)
    {
        var died = await Task.WhenAny(service.WaitForExitAsync(Scale.Patience), Load.Completion.ContinueWith(_ => false, TaskScheduler.Default));
        if (!await died && !await service.WaitForExitAsync(TimeSpan.FromSeconds(30)))
        {
            Failures.Add($"failpoint {failpoint} never fired in {service.Name}: the scenario did not test the crash");
            return (Now, []);
        }
        var acceptedBeforeCrash = Load.Accepted.ToList();
        Log($"{service.Name} (pid {service.ProcessId}) was killed by failpoint {failpoint} after {Load.Accepted.Count} referrals were accepted; starting it again");
        service.StartAgain(new Dictionary<string, string?> { ["ReferralNet:Failpoints"] = null });
        await service.WaitUntilHealthyAsync(Ct);
        var back = Now;
        Healed();
        Log($"{service.Name} is back (pid {service.ProcessId})");
        return (back, acceptedBeforeCrash);
    }

    /// <summary>
    /// Waits until every referral sent has its receipt back at the sender and every queue is empty
    /// (but for the error queues in <paramref name="expectedErrors"/>, which must hold exactly that many), then counts.
    /// </summary>
    public async Task<ScenarioResult> FinishAsync(string scenario, string fault, IReadOnlyDictionary<string, long> expectedErrors)
    {
        var accepted = Loads.SelectMany(l => l.Accepted).ToList();
        var inDoubt = Loads.Sum(l => l.InDoubt);
        var refused = Loads.Sum(l => l.Refused);
        // The backlog drains from when both the fault is over and nothing more is being sent.
        var drainFrom = new[] { _healedAt ?? TimeSpan.Zero, _loadEndedAt ?? Now }.Max();
        var drain = await DrainAsync(drainFrom, accepted, expectedErrors);
        var tally = await Tally.CountAsync(Sender, Recipient, accepted, inDoubt, Ct);
        Findings.AddRange(tally.Findings);
        if (refused > 0)
            Failures.Add($"the sender's API refused {refused} referrals: {string.Join(" | ", Loads.SelectMany(l => l.Errors).Take(3))}");
        if (drain is { } took && DrainTarget is { } target && took > target)
        {
            var note = $"the backlog took {took.TotalSeconds:0.0} s to drain (target {target.TotalSeconds:0} s)";
            (Scale.EnforceTargets ? Failures : Findings).Add(note);
        }
        if (tally.Lost > 0) Failures.Add($"{tally.Lost} referrals lost");
        if (tally.Doubled > 0) Failures.Add($"{tally.Doubled} referrals took effect twice");
        if (tally.Unexpected > 0) Failures.Add($"{tally.Unexpected} unexpected referrals at the recipient");
        foreach (var service in Network.Services.Where(s => s.HasExited))
            Failures.Add($"{service.Name} is not running at the end: {service.DescribeErrors()}");
        Figures["in doubt"] = inDoubt;
        return new ScenarioResult(scenario, fault, tally.Sent, tally.Delivered, tally.Lost, tally.Doubled, tally.Unexpected,
            drain is { } d ? Math.Round(d.TotalSeconds, 1) : null, Findings, Failures, Figures);
    }

    // Where the backlog stands (queues, and what each service last complained of), so that a run that
    // did not drain says why in its own output: CI keeps only that, not the services' logs.
    async Task DescribeStuckBacklogAsync()
    {
        try
        {
            var queues = await Network.QueuesAsync();
            Findings.Add("queues: " + string.Join(", ", queues.Select(q => $"{q.Name} {q.Messages}")));
        }
        catch (Exception e)
        {
            Findings.Add($"queues could not be listed: {e.Message}");
        }
        foreach (var service in Network.Services)
            Findings.Add(service.DescribeErrors(5));
    }

    async Task<TimeSpan?> DrainAsync(TimeSpan from, IReadOnlyCollection<string> accepted, IReadOnlyDictionary<string, long> expectedErrors)
    {
        var deadline = Now + Scale.Patience;
        while (true)
        {
            var sent = await Sender.ReferralsAsync("sent", Ct);
            var waiting = sent.Count(r => r.ReceivedAt is null) + accepted.Except(sent.Select(r => r.Id)).Count();
            if (waiting == 0)
                break;
            if (Now > deadline)
            {
                Failures.Add($"{waiting} referrals had no receipt {Scale.Patience.TotalSeconds:0} s after the fault: the backlog did not drain");
                await DescribeStuckBacklogAsync();
                return null;
            }
            await Task.Delay(Scale.PollInterval, Ct);
        }
        var referralsDone = Now;
        // Receipts are in; what is left in a queue now is a message that went nowhere.
        IReadOnlyList<QueueState> queues;
        var queueDeadline = Now + TimeSpan.FromSeconds(60);
        while (true)
        {
            queues = await Network.QueuesAsync();
            var left = queues.Where(q => q.Messages != expectedErrors.GetValueOrDefault(q.Name)).ToList();
            // An expected error queue that is not there at all holds none of what it should.
            var absent = expectedErrors.Keys.Where(name => queues.All(q => q.Name != name)).ToList();
            if (left.Count == 0 && absent.Count == 0)
                break;
            if (Now > queueDeadline)
            {
                Failures.AddRange(left.Select(q => $"queue {q.Name} holds {q.Messages} messages, expected {expectedErrors.GetValueOrDefault(q.Name)}"));
                Failures.AddRange(absent.Select(name => $"queue {name} does not exist, expected {expectedErrors[name]} messages in it"));
                break;
            }
            await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        }
        Figures["queues"] = queues.Count;
        // Without the services' own queues in the listing, "every queue is empty" would prove nothing.
        if (!queues.Any(q => q.Name == "medical-referrals") || !queues.Any(q => q.Name == "legalaid-referrals"))
            Failures.Add($"the broker did not list the services' referral queues, so the drain could not be checked: {string.Join(", ", queues.Select(q => q.Name))}");
        return referralsDone - from;
    }
}
