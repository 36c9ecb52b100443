using System.Diagnostics;
using System.Text.Json;
using ReferralNet.BuildingBlocks.Data;
using ReferralNet.Contracts.Referrals;

namespace ReferralNet.Bench;

/// <summary>
/// (C) The full referral pipeline under concurrency: several senders at once, each POSTing a
/// consented referral (LegalAid → Medical; the sender's transaction and outbox), which the relay
/// sends through RabbitMQ to the recipient's inbox, whose receipt comes back through the
/// recipient's outbox to the sender's inbox. A sender starts its next referral once its last one's
/// receipt shows at the sender.
/// </summary>
sealed class ReferralPipeline : IDisposable
{
    public const string Route = "justice-bridge (LegalAid) → st-mary-clinic (Medical), medical:trauma-care, identity and health shared";
    const string MedicalService = "medical:trauma-care";
    static readonly string[] Shared = ["identity", "health"];
    static readonly (string Id, string Key, string Service) Sender = ("justice-bridge", "dev-justice-bridge-51f0a2", "LegalAid");
    static readonly (string Id, string Key, string Service) Recipient = ("st-mary-clinic", "dev-st-mary-clinic-0d62b8", "Medical");

    static readonly TimeSpan MaxPollInterval = TimeSpan.FromMilliseconds(50);

    readonly BenchNetwork _network;
    readonly OrganisationClient _sender;
    readonly TimeSpan _pollInterval;
    readonly TimeSpan _timeout;
    string? _survivorId;
    double _typicalMs;
    string[] _lastIds = [];
    DateTimeOffset[] _lastStarted = [];

    public ReferralPipeline(BenchNetwork network, TimeSpan pollInterval, TimeSpan timeout)
    {
        _network = network;
        _pollInterval = pollInterval;
        _timeout = timeout;
        _sender = new OrganisationClient(Sender.Id, Sender.Key, network[Sender.Service], timeout);
    }

    /// <summary>Polls of the sender's GET /api/referrals/{id} per referral in the last run (their cost is in the figures).</summary>
    public double PollsPerReferral { get; private set; }

    /// <summary>
    /// The size in bytes of a referral as it travels (the JSON of <see cref="ReferralRequested"/>
    /// with a synthetic identity-and-health profile, as the outbox stores it), for A and B's messages.
    /// </summary>
    public static int ReferralBodyBytes()
    {
        var now = DateTimeOffset.UtcNow;
        var sample = new ReferralRequested(
            "rf-0123456789abcdef", Sender.Id, Recipient.Id, MedicalService, "urgent",
            new ReferralNeeds(["en"], 0, false), false, now, now.AddHours(24), null, "c-0123456789abcdef", Shared,
            new SharedProfile("Bench", "Synthetic", new DateOnly(1990, 1, 1), "female", null, null, "synthetic: benchmark profile", null, null, null),
            now.AddDays(90));
        return JsonSerializer.SerializeToUtf8Bytes(sample, ReferralNetDbContext.MessageJson).Length;
    }

    /// <summary>A synthetic survivor at the sender with a written consent to share identity and health with the recipient.</summary>
    public async Task PrepareAsync(CancellationToken ct)
    {
        var survivor = await _sender.PostAsync("/api/survivors", JsonSerializer.Serialize(new
        {
            givenName = "Bench",
            familyName = "Synthetic",
            dateOfBirth = "1990-01-01",
            gender = "female",
            languages = new[] { "en" },
            dependants = 0,
            needs = new[] { "medical" },
            healthNotes = "synthetic: benchmark profile",
        }), ct);
        _survivorId = survivor.GetProperty("id").GetString()!;
        await _sender.PostAsync($"/api/survivors/{_survivorId}/consents", JsonSerializer.Serialize(new
        {
            recipientOrgId = Recipient.Id,
            categories = Shared,
            method = "written",
            purpose = "benchmark",
        }), ct);
    }

    /// <summary>
    /// <paramref name="count"/> referrals by <paramref name="senders"/> concurrent senders; the
    /// throughput counts from the first POST to the last receipt seen, and the latencies returned
    /// are POST start → receipt first seen by polling. <see cref="ReceiptLatenciesAsync"/> then
    /// gives the exact ones.
    /// </summary>
    public async Task<Timed> RunAsync(int count, int senders, CancellationToken ct)
    {
        if (_survivorId is null)
            throw new InvalidOperationException("PrepareAsync first");
        var started = new DateTimeOffset[count];
        var ids = new string[count];
        var polled = new double[count];
        var polls = 0L;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
                limit.CancelAfter(_timeout);
                started[i] = DateTimeOffset.UtcNow;
                var start = Stopwatch.GetTimestamp();
                var answer = await PostReferralAsync(limit.Token);
                ids[i] = answer.GetProperty("id").GetString()!;
                try
                {
                    // Every poll is a request the sender's service must answer, on the same cores as
                    // the pipeline: the first waits for about the time the receipts have recently
                    // taken, then they back off (x1.5, at most 50 ms apart).
                    var typical = Volatile.Read(ref _typicalMs);
                    var wait = Math.Max(0, 0.7 * typical - Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    var interval = _pollInterval;
                    if (wait > 0)
                        await Task.Delay(TimeSpan.FromMilliseconds(wait), limit.Token);
                    while (true)
                    {
                        var reading = await _sender.GetAsync($"/api/referrals/{ids[i]}", limit.Token);
                        Interlocked.Increment(ref polls);
                        if (HasReceipt(reading))
                            break;
                        await Task.Delay(interval, limit.Token);
                        interval = TimeSpan.FromMilliseconds(Math.Min(MaxPollInterval.TotalMilliseconds, interval.TotalMilliseconds * 1.5));
                    }
                    polled[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    Volatile.Write(ref _typicalMs, 0.9 * typical + 0.1 * polled[i]);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw new BenchException(
                        $"referral {ids[i]}'s receipt did not come back to {Sender.Id} within {_timeout.TotalSeconds:0} s.\n  " +
                        string.Join("\n  ", BenchNetwork.ServiceNames.Select(n => _network[n].DescribeErrors())) +
                        $"\n  The services' logs are in {_network.Folder}.");
                }
            }
        }, ct)));
        var seconds = clock.Elapsed.TotalSeconds;
        PollsPerReferral = Math.Round((double)polls / count, 1);
        _lastIds = ids;
        _lastStarted = started;
        return new Timed(count, seconds, polled);
    }

    /// <summary>
    /// The last run's referrals, each from just before its POST to the sender's own audit entry
    /// "receipt-confirmed" (written in the transaction that records the receipt; same machine
    /// clock): read from the audit trails after the run, outside its timing.
    /// </summary>
    public async Task<double[]> ReceiptLatenciesAsync(CancellationToken ct)
    {
        var ids = _lastIds;
        var started = _lastStarted;
        var latency = new double[ids.Length];
        await Parallel.ForAsync(0, ids.Length, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (i, token) =>
        {
            var audit = await _sender.GetAsync($"/api/referrals/{ids[i]}/audit", token)
                ?? throw new BenchException($"the audit trail of referral {ids[i]} is not there at {Sender.Id}");
            var receipt = audit.EnumerateArray().FirstOrDefault(e => e.GetProperty("action").GetString() == "receipt-confirmed");
            if (receipt.ValueKind != JsonValueKind.Object)
                throw new BenchException($"referral {ids[i]} showed a receipt at {Sender.Id} but its audit trail has no receipt-confirmed entry");
            latency[i] = (receipt.GetProperty("at").GetDateTimeOffset() - started[i]).TotalMilliseconds;
        });
        return latency;
    }

    Task<JsonElement> PostReferralAsync(CancellationToken ct) =>
        _sender.PostAsync("/api/referrals", JsonSerializer.Serialize(new
        {
            survivorId = _survivorId,
            toOrgId = Recipient.Id,
            service = MedicalService,
            priority = "urgent",
            share = Shared,
        }), ct);

    static bool HasReceipt(JsonElement? answer) =>
        answer is { } a && a.GetProperty("receivedAt").ValueKind != JsonValueKind.Null;

    public void Dispose() => _sender.Dispose();
}
