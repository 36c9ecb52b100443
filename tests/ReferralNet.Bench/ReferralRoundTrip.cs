using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ReferralNet.Testing;

namespace ReferralNet.Bench;

/// <summary>
/// How long a consented referral takes from one service to another and back (the sender's outbox,
/// RabbitMQ, the recipient's inbox, the receipt through the recipient's outbox), and how long a
/// revoked consent takes until the recipient's purge is confirmed at the origin.
/// </summary>
static class ReferralRoundTrip
{
    const string MedicalService = "medical:trauma-care";
    const string Redacted = "[redacted]";
    static readonly string[] Shared = ["identity", "health"];

    // Two organisations of two different services, so every referral crosses the broker.
    static readonly (string Id, string Key, string Service) Sender = ("justice-bridge", "dev-justice-bridge-51f0a2", "LegalAid");
    static readonly (string Id, string Key, string Service) Recipient = ("st-mary-clinic", "dev-st-mary-clinic-0d62b8", "Medical");

    static async Task<int> RunAsync(CommandLine options, CancellationToken ct)
    {
        var referrals = options.Int("referrals", 1000, 1, 1_000_000);
        // The bed mode measured 2-3x slower answers while tiered compilation is still recompiling hot
        // paths; 200 referrals cover the referral paths' share of that on both services.
        var warmUp = options.Int("warmup", 200, 1, 1_000_000);
        var revocations = options.Int("revocations", 200, 1, 100_000);
        var pollInterval = TimeSpan.FromMilliseconds(options.Int("poll-interval-ms", 1, 1, 10_000));
        var timeout = TimeSpan.FromSeconds(options.Int("timeout", 30, 1, 3600));
        var (repository, output, settings) = Mode.Prepare(options);

        var startedAt = DateTimeOffset.UtcNow;
        var machine = Machine.Describe();
        var total = Stopwatch.StartNew();
        var phases = new Dictionary<string, double>();
        var (run, referralCpu, revocationCpu) = await BenchNetwork.RunAsync(repository, settings, phases, async network =>
        {
            using var run = new Run(network, pollInterval, timeout);
            var ours = network.Processes();
            var clock = Stopwatch.StartNew();
            Console.WriteLine($"Registering a survivor at {Sender.Id} with consent to share {string.Join(" and ", Shared)} with {Recipient.Id}…");
            var survivor = await run.RegisterConsentedSurvivorAsync("Bench", ct);
            Console.WriteLine($"Warming up: {warmUp} referrals…");
            await run.SendAsync(survivor, warmUp, measure: false, ct);
            phases["warm-up"] = clock.Elapsed.TotalSeconds;

            clock.Restart();
            Console.WriteLine($"Measuring: {referrals} referrals {Sender.Id} → {Recipient.Id} ({MedicalService}), each awaited at the recipient and back at the sender…");
            var before = CpuSample.Take(ours);
            await run.SendAsync(survivor, referrals, measure: true, ct);
            var referralCpu = CpuSample.Take(ours).Since(before);
            phases["referrals"] = clock.Elapsed.TotalSeconds;

            clock.Restart();
            Console.WriteLine($"Preparing {revocations} survivors, each with a consent and one consented referral received by {Recipient.Id}…");
            var prepared = await run.PrepareRevocationsAsync(revocations, ct);
            phases["revocation set-up"] = clock.Elapsed.TotalSeconds;

            clock.Restart();
            Console.WriteLine($"Measuring: {revocations} revocations, each awaited until {Recipient.Id}'s purge is confirmed at {Sender.Id}…");
            before = CpuSample.Take(ours);
            await run.RevokeAsync(prepared, ct);
            var revocationCpu = CpuSample.Take(ours).Since(before);
            phases["revocations"] = clock.Elapsed.TotalSeconds;
            return (run, referralCpu, revocationCpu);
        }, ct);
        phases["total"] = total.Elapsed.TotalSeconds;

        var latency = new Dictionary<string, LatencySummary>
        {
            ["postResponse"] = LatencySummary.Of(run.Post),
            ["receivedAtRecipient"] = LatencySummary.Of(run.Received),
            ["receiptSeenBySender"] = LatencySummary.Of(run.Receipt),
            ["revokeResponse"] = LatencySummary.Of(run.Revoke),
            ["purgeConfirmed"] = LatencySummary.Of(run.PurgeConfirmed),
        };
        var receivedByRecipientClock = LatencySummary.Of(run.ReceivedByRecipientClock);
        var result = new ReferralRoundTripResult(
            Mode.Name,
            startedAt,
            machine,
            Machine.LoadAverage(),
            $"Each of {referrals} sequential POST /api/referrals by {Sender.Id} (at {Sender.Service}) to {Recipient.Id} (at {Recipient.Service}), service {MedicalService}, " +
            $"sharing {string.Join(" and ", Shared)} under one written consent, is timed from just before the POST until its 201, until {Recipient.Id}'s GET /api/referrals/{{id}} first answers 200, " +
            $"and until {Sender.Id}'s GET /api/referrals/{{id}} shows receivedAt; both GETs are polled concurrently every {pollInterval.TotalMilliseconds:0.#} ms from the 201 on, " +
            "and the next referral starts once both are seen. " +
            $"Then {revocations} survivors each get a consent and one consented referral, all awaited at {Recipient.Id} and back; each consent is revoked in turn (reason survivor-request) and timed " +
            $"from just before POST /api/consents/{{id}}/revoke until its 200, and until GET /api/consents/{{id}} at {Sender.Id}, polled every {pollInterval.TotalMilliseconds:0.#} ms, " +
            $"shows {Recipient.Id} with purgeConfirmed true; the next revocation starts then.",
            "the four services as separate processes from their Release builds with their own appsettings.json (Production), " +
            "each on its own SQLite file in a temporary folder, on a private RabbitMQ broker; the bench sets only the broker, database path, seeds and ports" +
            (settings.Count > 0 ? ", and " + string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}")) : ""),
            $"{Sender.Id} ({Sender.Service}) → {Recipient.Id} ({Recipient.Service}), {MedicalService}",
            referrals,
            warmUp,
            revocations,
            pollInterval.TotalMilliseconds,
            LatencySummary.Of(run.PollWindows),
            latency,
            receivedByRecipientClock,
            run.ProfilesNotAsShared,
            run.ProfilesNotRedacted,
            Math.Round(referrals / phases["referrals"], 1),
            Math.Round(revocations / phases["revocations"], 1),
            referralCpu.MachineBusyPercent,
            referralCpu.OursPercent,
            referralCpu.PerChange(referrals),
            revocationCpu.MachineBusyPercent,
            revocationCpu.PerChange(revocations),
            BenchReport.Rounded(phases));
        return BenchReport.Publish(result, output);
    }

    /// <summary>A consent of one survivor, and the consented referral it covers once prepared.</summary>
    sealed record Consented(string SurvivorId, string GivenName, string ConsentId)
    {
        public string? ReferralId { get; set; }
    }

    /// <summary>The referrals and revocations, and what they measured.</summary>
    sealed class Run : IDisposable
    {
        readonly ProcessNetwork _network;
        readonly OrganisationClient _sender;
        readonly OrganisationClient _recipient;
        readonly TimeSpan _pollInterval;
        readonly TimeSpan _timeout;
        long _started;
        DateTimeOffset _startedUtc;

        public Run(ProcessNetwork network, TimeSpan pollInterval, TimeSpan timeout)
        {
            _network = network;
            _pollInterval = pollInterval;
            _timeout = timeout;
            _sender = new OrganisationClient(Sender.Id, Sender.Key, network[Sender.Service], timeout);
            _recipient = new OrganisationClient(Recipient.Id, Recipient.Key, network[Recipient.Service], timeout);
        }

        public List<double> Post { get; } = [];
        public List<double> Received { get; } = [];
        public List<double> Receipt { get; } = [];
        public List<double> ReceivedByRecipientClock { get; } = [];
        public List<double> Revoke { get; } = [];
        public List<double> PurgeConfirmed { get; } = [];
        public List<double> PollWindows { get; } = [];
        public int ProfilesNotAsShared { get; private set; }
        public int ProfilesNotRedacted { get; private set; }

        /// <summary>A synthetic survivor at the sender with a written consent covering the shared categories for the recipient.</summary>
        public async Task<Consented> RegisterConsentedSurvivorAsync(string givenName, CancellationToken ct)
        {
            var survivor = await _sender.PostAsync("/api/survivors", JsonSerializer.Serialize(new
            {
                givenName,
                familyName = "Synthetic",
                dateOfBirth = "1990-01-01",
                gender = "female",
                languages = new[] { "en" },
                dependants = 0,
                needs = new[] { "medical" },
                healthNotes = "synthetic: benchmark profile",
            }), ct);
            var survivorId = survivor.GetProperty("id").GetString()!;
            var consent = await _sender.PostAsync($"/api/survivors/{survivorId}/consents", JsonSerializer.Serialize(new
            {
                recipientOrgId = Recipient.Id,
                categories = Shared,
                method = "written",
                purpose = "benchmark",
            }), ct);
            return new Consented(survivorId, givenName, consent.GetProperty("id").GetString()!);
        }

        public async Task SendAsync(Consented survivor, int count, bool measure, CancellationToken ct)
        {
            for (var i = 1; i <= count; i++)
            {
                var (post, received, receipt) = await SendOneAsync(survivor, ct);
                if (measure)
                {
                    ReceivedByRecipientClock.Add((received.Answer.GetProperty("receivedAt").GetDateTimeOffset() - _startedUtc).TotalMilliseconds);
                    Post.Add(post);
                    Received.Add(Since(received));
                    Receipt.Add(Since(receipt));
                    PollWindows.Add(received.Window.TotalMilliseconds);
                    PollWindows.Add(receipt.Window.TotalMilliseconds);
                }
                if (measure ? i % 100 == 0 || i == count : i % 100 == 0)
                    Console.WriteLine(measure
                        ? $"  {i,7} of {count}: received p50 {LatencySummary.Of(Received).P50:0.00} ms, receipt p50 {LatencySummary.Of(Receipt).P50:0.00} ms, POST p50 {LatencySummary.Of(Post).P50:0.00} ms"
                        : $"  {i,7} of {count}: last referral POST {post:0.0} ms, received {Since(received):0.0} ms, receipt {Since(receipt):0.0} ms");
            }
        }

        /// <summary>
        /// Survivors, consents and referrals sent back to back, then each awaited at the recipient
        /// and back at the sender, so the revocations start on a quiet network.
        /// </summary>
        public async Task<List<Consented>> PrepareRevocationsAsync(int count, CancellationToken ct)
        {
            var prepared = new List<Consented>(count);
            for (var i = 1; i <= count; i++)
            {
                var consented = await RegisterConsentedSurvivorAsync($"Bench-revoke-{i}", ct);
                consented.ReferralId = (await PostReferralAsync(consented, ct)).GetProperty("id").GetString();
                prepared.Add(consented);
            }
            foreach (var consented in prepared)
            {
                using var limit = Limit(ct);
                var path = $"/api/referrals/{consented.ReferralId}";
                try
                {
                    await _recipient.WaitUntilAsync(path, a => a is not null, Stopwatch.GetTimestamp(), TimeSpan.FromMilliseconds(10), limit.Token);
                    await _sender.WaitUntilAsync(path, HasReceipt, Stopwatch.GetTimestamp(), TimeSpan.FromMilliseconds(10), limit.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw new BenchException(Stuck($"referral {consented.ReferralId} (set-up for revocation) did not reach {Recipient.Id} and come back within {_timeout.TotalSeconds:0} s."));
                }
            }
            return prepared;
        }

        public async Task RevokeAsync(List<Consented> prepared, CancellationToken ct)
        {
            for (var i = 0; i < prepared.Count; i++)
            {
                var consented = prepared[i];
                using var limit = Limit(ct);
                var started = Stopwatch.GetTimestamp();
                PollArrival confirmed;
                try
                {
                    await _sender.PostAsync($"/api/consents/{consented.ConsentId}/revoke", """{"reason":"survivor-request"}""", limit.Token);
                    Revoke.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    confirmed = await _sender.WaitUntilAsync($"/api/consents/{consented.ConsentId}", AllPurgesConfirmed, started, _pollInterval, limit.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw new BenchException(Stuck(
                        $"the purge of consent {consented.ConsentId} (revocation {i + 1}) was not confirmed within {_timeout.TotalSeconds:0} s; " +
                        $"GET /api/consents/{consented.ConsentId} last answered {_sender.LastAnswer?.GetRawText() ?? "404"}."));
                }
                PurgeConfirmed.Add(Stopwatch.GetElapsedTime(started, confirmed.SeenAt).TotalMilliseconds);
                PollWindows.Add(confirmed.Window.TotalMilliseconds);

                // Outside the timing: the recipient's copy really holds redaction markers now.
                var copy = await _recipient.GetAsync($"/api/referrals/{consented.ReferralId}", ct);
                if (copy is not { } c || c.GetProperty("purgedAt").ValueKind == JsonValueKind.Null || SharedField(c, "givenName") != Redacted || SharedField(c, "healthNotes") != Redacted)
                    ProfilesNotRedacted++;
                if ((i + 1) % 50 == 0 || i + 1 == prepared.Count)
                    Console.WriteLine($"  {i + 1,7} of {prepared.Count}: purge confirmed p50 {LatencySummary.Of(PurgeConfirmed).P50:0.00} ms, revoke p50 {LatencySummary.Of(Revoke).P50:0.00} ms");
            }
        }

        double Since(PollArrival arrival) => Stopwatch.GetElapsedTime(_started, arrival.SeenAt).TotalMilliseconds;

        /// <summary>
        /// One referral: POST, then the recipient's copy and the sender's receipt polled together
        /// from the 201 on (the id is not known before), both timed from the POST's start. The
        /// recipient's own receivedAt, on the same machine's clock, gives the arrival without polling.
        /// </summary>
        async Task<(double Post, PollArrival Received, PollArrival Receipt)> SendOneAsync(Consented survivor, CancellationToken ct)
        {
            using var limit = Limit(ct);
            _startedUtc = DateTimeOffset.UtcNow;
            _started = Stopwatch.GetTimestamp();
            var answer = await PostReferralAsync(survivor, limit.Token);
            var post = Stopwatch.GetElapsedTime(_started).TotalMilliseconds;
            var id = answer.GetProperty("id").GetString()!;
            var path = $"/api/referrals/{id}";
            var received = _recipient.WaitUntilAsync(path, a => a is not null, _started, _pollInterval, limit.Token);
            var receipt = _sender.WaitUntilAsync(path, HasReceipt, _started, _pollInterval, limit.Token);
            try
            {
                await Task.WhenAll(received, receipt);
            }
            catch (Exception e)
            {
                // Leave nothing polling behind: stop the other poll and wait for it.
                await limit.CancelAsync();
                await Task.WhenAll(received, receipt).ContinueWith(_ => { }, TaskScheduler.Default);
                ct.ThrowIfCancellationRequested();
                if (e is BenchException)
                    throw;
                var where = !received.IsCompletedSuccessfully ? $"reach {Recipient.Id}" : "come back to the sender as a receipt";
                throw new BenchException(Stuck($"referral {id} did not {where} within {_timeout.TotalSeconds:0} s ({e.GetType().Name})."), e);
            }
            // The recipient holds exactly what was shared: the consented name arrived.
            if (SharedField(received.Result.Answer, "givenName") != survivor.GivenName)
                ProfilesNotAsShared++;
            return (post, received.Result, receipt.Result);
        }

        Task<JsonElement> PostReferralAsync(Consented survivor, CancellationToken ct) =>
            _sender.PostAsync("/api/referrals", JsonSerializer.Serialize(new
            {
                survivorId = survivor.SurvivorId,
                toOrgId = Recipient.Id,
                service = MedicalService,
                priority = "urgent",
                share = Shared,
            }), ct);

        CancellationTokenSource Limit(CancellationToken ct)
        {
            var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(_timeout);
            return limit;
        }

        static bool HasReceipt(JsonElement? answer) =>
            answer is { } a && a.GetProperty("receivedAt").ValueKind != JsonValueKind.Null;

        static bool AllPurgesConfirmed(JsonElement? answer) =>
            answer is { } a
            && a.GetProperty("recipients").EnumerateArray().ToList() is { Count: > 0 } recipients
            && recipients.Any(r => r.GetProperty("organisationId").GetString() == Recipient.Id)
            && recipients.All(r => r.GetProperty("purgeConfirmed").GetBoolean());

        static string? SharedField(JsonElement referral, string field) =>
            referral.GetProperty("shared") is { ValueKind: JsonValueKind.Object } shared && shared.TryGetProperty(field, out var value) ? value.GetString() : null;

        string Stuck(string what)
        {
            var text = new StringBuilder(what);
            foreach (var name in BenchNetwork.ServiceNames)
                text.Append("\n  ").Append(_network[name].DescribeErrors());
            text.Append($"\n  The services' logs are in {_network.Folder}.");
            return text.ToString();
        }

        public void Dispose()
        {
            _sender.Dispose();
            _recipient.Dispose();
        }
    }

    public static readonly BenchMode Mode = new(
        "referrals",
        $"time from a consented referral's POST ({Sender.Service} to {Recipient.Service}) until the recipient has it and the receipt is back; from a revocation until the purge is confirmed",
        [
            new("referrals", "N", "measured referrals, one after another (default 1000)"),
            new("warmup", "N", "referrals sent and discarded first (default 200, at least 1)"),
            new("revocations", "M", "measured revocations, one after another, each of a consent with one received referral (default 200)"),
            new("poll-interval-ms", "MS", "pause between two reads of the awaited state (default 1)"),
            new("timeout", "SECONDS", "longest wait for one referral or one purge (default 30)"),
        ],
        "configuration for every service, e.g. ReferralNet:Outbox:PollingInterval=00:01:00",
        RunAsync);
}
