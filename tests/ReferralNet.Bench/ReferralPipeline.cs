using System.Diagnostics;
using System.Text.Json;
using ReferralNet.Messaging.Data;
using ReferralNet.Contracts.Referrals;
using ReferralNet.Testing;

namespace ReferralNet.Bench;

/// <summary>
/// (C) The full referral pipeline under concurrency: several senders at once, each POSTing a
/// consented referral (LegalAid → Medical; the sender's transaction and outbox), which the relay
/// sends through RabbitMQ to the recipient's inbox, whose receipt comes back through the
/// recipient's outbox to the sender's inbox. A new referral starts whenever one of those in flight
/// has its receipt at the sender.
/// </summary>
sealed class ReferralPipeline : IDisposable
{
    public const string Route = "justice-bridge (LegalAid) → st-mary-clinic (Medical), medical:trauma-care, identity and health shared";
    const string MedicalService = "medical:trauma-care";
    static readonly string[] Shared = ["identity", "health"];
    static readonly (string Id, string Key, string Service) Sender = ("justice-bridge", "dev-justice-bridge-51f0a2", "LegalAid");
    static readonly (string Id, string Key, string Service) Recipient = ("st-mary-clinic", "dev-st-mary-clinic-0d62b8", "Medical");

    static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(5);

    readonly ProcessNetwork _network;
    readonly OrganisationClient _sender;
    readonly TimeSpan _timeout;
    string? _survivorId;
    string[] _lastIds = [];
    DateTimeOffset[] _lastStarted = [];

    public ReferralPipeline(ProcessNetwork network, TimeSpan timeout)
    {
        _network = network;
        _timeout = timeout;
        _sender = new OrganisationClient(Sender.Id, Sender.Key, network[Sender.Service], timeout);
    }

    /// <summary>The watcher's reads of the sender's GET /api/referrals/{id} per referral in the last run (their cost is in the figures).</summary>
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
    /// <paramref name="count"/> referrals with at most <paramref name="inFlight"/> at once between
    /// the start of their POST and their receipt at the sender. One watcher reads the sender's
    /// GET /api/referrals/{id} of the oldest referral still awaited (every 5 ms until it shows the
    /// receipt, then at once the next), and each receipt it sees lets the next referral start: the
    /// watcher's requests stay few, whatever the latency. Returns the wall time from the first POST
    /// to the last receipt seen; <see cref="ReceiptLatenciesAsync"/> then gives the exact figures.
    /// </summary>
    public async Task<Timed> RunAsync(int count, int inFlight, CancellationToken ct)
    {
        if (_survivorId is null)
            throw new InvalidOperationException("PrepareAsync first");
        var started = new DateTimeOffset[count];
        var startedAt = new long[count];
        var ids = new string[count];
        var seen = new double[count];
        var polls = 0L;
        var posted = System.Threading.Channels.Channel.CreateUnbounded<int>();
        using var window = new SemaphoreSlim(inFlight);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var clock = Stopwatch.StartNew();

        var watcher = Task.Run(async () =>
        {
            for (var done = 0; done < count; done++)
            {
                var i = await posted.Reader.ReadAsync(stop.Token);
                var path = $"/api/referrals/{ids[i]}";
                while (true)
                {
                    var reading = await _sender.GetAsync(path, stop.Token);
                    polls++;
                    if (HasReceipt(reading))
                        break;
                    if (Stopwatch.GetElapsedTime(startedAt[i]) > _timeout)
                        throw new BenchException(
                            $"referral {ids[i]}'s receipt did not come back to {Sender.Id} within {_timeout.TotalSeconds:0} s.\n  " +
                            string.Join("\n  ", BenchNetwork.ServiceNames.Select(n => _network[n].DescribeErrors())) +
                            $"\n  The services' logs are in {_network.Folder}.");
                    await Task.Delay(WatchInterval, stop.Token);
                }
                seen[i] = Stopwatch.GetElapsedTime(startedAt[i]).TotalMilliseconds;
                window.Release();
            }
        }, stop.Token);

        var posts = new List<Task>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                // Wait for a free place, or for the watcher to fail.
                var place = window.WaitAsync(stop.Token);
                if (await Task.WhenAny(place, watcher) == watcher)
                    await watcher;
                await place;
                posts.Add(PostAsync(i));
            }
            await Task.WhenAll(posts);
            await watcher;
        }
        catch
        {
            await stop.CancelAsync();
            await Task.WhenAll(posts.Append(watcher)).ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }
        var seconds = clock.Elapsed.TotalSeconds;
        PollsPerReferral = Math.Round((double)polls / count, 2);
        _lastIds = ids;
        _lastStarted = started;
        return new Timed(count, seconds, seen);

        async Task PostAsync(int i)
        {
            started[i] = DateTimeOffset.UtcNow;
            startedAt[i] = Stopwatch.GetTimestamp();
            var answer = await PostReferralAsync(stop.Token);
            ids[i] = answer.GetProperty("id").GetString()!;
            posted.Writer.TryWrite(i);
        }
    }

    /// <summary>
    /// The exact span of the last run, from the first POST's start to the last receipt the sender
    /// recorded (set by <see cref="ReceiptLatenciesAsync"/>).
    /// </summary>
    public double ExactSeconds { get; private set; }

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
        var lastReceipt = DateTimeOffset.MinValue;
        await Parallel.ForAsync(0, ids.Length, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (i, token) =>
        {
            var audit = await _sender.GetAsync($"/api/referrals/{ids[i]}/audit", token)
                ?? throw new BenchException($"the audit trail of referral {ids[i]} is not there at {Sender.Id}");
            var receipt = audit.EnumerateArray().FirstOrDefault(e => e.GetProperty("action").GetString() == "receipt-confirmed");
            if (receipt.ValueKind != JsonValueKind.Object)
                throw new BenchException($"referral {ids[i]} showed a receipt at {Sender.Id} but its audit trail has no receipt-confirmed entry");
            var at = receipt.GetProperty("at").GetDateTimeOffset();
            latency[i] = (at - started[i]).TotalMilliseconds;
            lock (latency)
                lastReceipt = at > lastReceipt ? at : lastReceipt;
        });
        ExactSeconds = (lastReceipt - started.Min()).TotalSeconds;
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
