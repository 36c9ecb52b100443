using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using ReferralNet.Testing;

namespace ReferralNet.Bench;

/// <summary>
/// How long a bed count set at Shelter takes to show on the other services' bed boards: through
/// Shelter's outbox and relay, RabbitMQ, and each consumer's inbox transaction.
/// </summary>
static class BedPropagation
{
    const string ShelterId = "harbour-house-main";
    const string BedType = "women";
    const string Area = "north-city";
    const string ShelterKey = "dev-harbour-house-7f3a9c";
    const int TotalBeds = 40;

    // Each board is read as an organisation of its own service.
    static readonly (string Service, string Key, string Label)[] Boards =
    [
        ("LegalAid", "dev-justice-bridge-51f0a2", "legalAid"),
        ("Medical", "dev-st-mary-clinic-0d62b8", "medical"),
        ("Vocational", "dev-new-paths-4c1b6d", "vocational"),
    ];

    static async Task<int> RunAsync(CommandLine options, CancellationToken ct)
    {
        var changes = options.Int("changes", 1000, 1, 1_000_000);
        // Measured here: the services answer 2-3 times slower for their first ~600 changes (~30 s), until
        // tiered compilation has recompiled the hot paths with PGO; 50 warm-up changes left half the run in that phase.
        var warmUp = options.Int("warmup", 1000, 1, 1_000_000);
        var pollInterval = TimeSpan.FromMilliseconds(options.Int("poll-interval-ms", 1, 1, 10_000));
        var pause = TimeSpan.FromMilliseconds(options.Int("pause-ms", 0, 0, 60_000));
        var timeout = TimeSpan.FromSeconds(options.Int("timeout", 30, 1, 3600));
        var samples = options.String("samples") is { } given ? Path.GetFullPath(given) : null;
        var (repository, output, settings) = Mode.Prepare(options);

        var startedAt = DateTimeOffset.UtcNow;
        var machine = Machine.Describe();
        var total = Stopwatch.StartNew();
        var phases = new Dictionary<string, double>();
        var (run, cpu) = await BenchNetwork.RunAsync(repository, settings, phases, async network =>
        {
            var run = new Run(network, pollInterval, pause, timeout);
            try
            {
                var clock = Stopwatch.StartNew();
                Console.WriteLine($"Warming up: {warmUp} changes…");
                await run.WarmUpAsync(warmUp, ct);
                phases["warm-up"] = clock.Elapsed.TotalSeconds;

                clock.Restart();
                Console.WriteLine($"Measuring: {changes} changes of {ShelterId}/{BedType}, each awaited on all three boards…");
                var ours = network.Processes();
                var before = CpuSample.Take(ours);
                await run.MeasureAsync(changes, ct);
                var cpu = CpuSample.Take(ours).Since(before);
                phases["measurement"] = clock.Elapsed.TotalSeconds;
                return (run, cpu);
            }
            finally
            {
                run.Dispose();
            }
        }, ct);
        phases["total"] = total.Elapsed.TotalSeconds;

        var latency = new Dictionary<string, LatencySummary> { ["putResponse"] = LatencySummary.Of(run.Put) };
        foreach (var (_, _, label) in Boards)
            latency[label] = LatencySummary.Of(run.Board[label]);
        latency["allBoards"] = LatencySummary.Of(run.AllBoards);

        var result = new BedPropagationResult(
            Mode.Name,
            startedAt,
            machine,
            Machine.LoadAverage(),
            $"Each of {changes} sequential PUTs of {ShelterId}'s '{BedType}' beds (total {TotalBeds}, occupied cycling 0-{TotalBeds - 1}) " +
            "is timed from just before the request until its response, and until GET /api/beds on LegalAid, Medical and Vocational, " +
            $"each polled concurrently every {pollInterval.TotalMilliseconds:0.#} ms, shows the new version; the next change starts once all three show it" +
            (pause > TimeSpan.Zero ? $" and {pause.TotalMilliseconds:0} ms more have passed." : "."),
            "the four services as separate processes from their Release builds with their own appsettings.json (Production), " +
            "each on its own SQLite file in a temporary folder, on a private RabbitMQ broker; the bench sets only the broker, database path, seeds and ports" +
            (settings.Count > 0 ? ", and " + string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}")) : ""),
            $"{ShelterId}/{BedType}",
            changes,
            warmUp,
            pause.TotalMilliseconds,
            pollInterval.TotalMilliseconds,
            LatencySummary.Of(run.PollWindows),
            Math.Round((double)run.Polls / changes, 1),
            latency,
            run.WrongCounts,
            run.LaterVersions,
            Math.Round(changes / phases["measurement"], 1),
            cpu.MachineBusyPercent,
            cpu.OursPercent,
            cpu.PerChange(changes),
            BenchReport.Rounded(phases));
        BenchReport.Publish(result, output);
        if (samples is not null)
        {
            run.WriteSamples(samples);
            Console.WriteLine($"Every change written to {samples}");
        }
        return 0;
    }

    /// <summary>The changes and what they measured.</summary>
    sealed class Run : IDisposable
    {
        readonly ProcessNetwork _network;
        readonly HttpClient _shelter;
        readonly List<BedBoardClient> _boards;
        readonly TimeSpan _pollInterval;
        readonly TimeSpan _pause;
        readonly TimeSpan _timeout;
        int _changesMade;
        long _firstVersion;
        bool _versionKnown;
        long _changeStarted;

        public Run(ProcessNetwork network, TimeSpan pollInterval, TimeSpan pause, TimeSpan timeout)
        {
            _network = network;
            _pollInterval = pollInterval;
            _pause = pause;
            _timeout = timeout;
            _shelter = BenchHttp.For(network["Shelter"].RestUrl, ShelterKey, timeout);
            _boards = Boards.Select(b => new BedBoardClient(b.Service, network[b.Service].RestUrl, b.Key, ShelterId, BedType, Area)).ToList();
        }

        public List<double> Put { get; } = [];
        public Dictionary<string, List<double>> Board { get; } = Boards.ToDictionary(b => b.Label, _ => new List<double>());
        public List<double> AllBoards { get; } = [];
        public List<double> PollWindows { get; } = [];
        public long Polls { get; private set; }
        public int WrongCounts { get; private set; }
        public int LaterVersions { get; private set; }

        /// <summary>
        /// The first change is recognised by its counts (the seed has 12 beds, this sets 40), which
        /// tells the version it got; every later change is one version further.
        /// </summary>
        public async Task WarmUpAsync(int count, CancellationToken ct)
        {
            var (_, first) = await ChangeAsync(r => r.Total == TotalBeds && r.Occupied == 0, ct);
            _firstVersion = first.Max(a => a.Reading.Version);
            _versionKnown = true;
            for (var i = 2; i <= count; i++)
            {
                var (put, arrivals) = await ChangeAsync(null, ct);
                if (i % 250 == 0)
                    Console.WriteLine($"  {i,7} of {count}: last change PUT {put.TotalMilliseconds:0.0} ms, all boards {arrivals.Max(Since):0.0} ms");
                if (_pause > TimeSpan.Zero)
                    await Task.Delay(_pause, ct);
            }
        }

        public async Task MeasureAsync(int count, CancellationToken ct)
        {
            for (var i = 1; i <= count; i++)
            {
                var (put, arrivals) = await ChangeAsync(null, ct);
                Put.Add(put.TotalMilliseconds);
                for (var b = 0; b < arrivals.Length; b++)
                    Board[Boards[b].Label].Add(Since(arrivals[b]));
                AllBoards.Add(arrivals.Max(Since));
                PollWindows.AddRange(arrivals.Select(a => a.Window.TotalMilliseconds));
                Polls += arrivals.Sum(a => a.Polls);
                if (i % 100 == 0 || i == count)
                    Console.WriteLine($"  {i,7} of {count}: all boards p50 {LatencySummary.Of(AllBoards).P50:0.00} ms, PUT p50 {LatencySummary.Of(Put).P50:0.00} ms");
                if (_pause > TimeSpan.Zero)
                    await Task.Delay(_pause, ct);
            }
        }

        public void WriteSamples(string path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var csv = new StreamWriter(path);
            csv.WriteLine("change,put_ms," + string.Join(',', Boards.Select(b => $"{b.Service.ToLowerInvariant()}_ms")) + ",all_boards_ms");
            for (var i = 0; i < Put.Count; i++)
            {
                var row = new[] { Put[i] }.Concat(Boards.Select(b => Board[b.Label][i])).Append(AllBoards[i]);
                csv.WriteLine($"{i + 1}," + string.Join(',', row.Select(v => v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture))));
            }
        }

        double Since(BoardArrival arrival) => Stopwatch.GetElapsedTime(_changeStarted, arrival.Reading.SeenAt).TotalMilliseconds;

        /// <summary>
        /// One change: PUT and the three boards' polls start together, so a board that shows the
        /// change before the PUT has answered is timed correctly too.
        /// </summary>
        async Task<(TimeSpan Put, BoardArrival[] Arrivals)> ChangeAsync(Func<BoardReading, bool>? shows, CancellationToken ct)
        {
            var occupied = _changesMade % TotalBeds;
            var version = _firstVersion + _changesMade;
            shows ??= r => r.Version >= version;
            using var body = new ByteArrayContent(Encoding.UTF8.GetBytes($"{{\"total\":{TotalBeds},\"occupied\":{occupied}}}"));
            body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(_timeout);

            _changeStarted = Stopwatch.GetTimestamp();
            var put = PutAsync(body, limit.Token);
            var boards = _boards.Select(b => b.WaitUntilAsync(shows, _changeStarted, _pollInterval, limit.Token)).ToArray();
            try
            {
                var putTime = await put;
                var arrivals = await Task.WhenAll(boards);
                _changesMade++;
                // The first change has no known version yet; it is recognised by its counts.
                foreach (var seen in _versionKnown ? arrivals.Select(a => a.Reading) : [])
                {
                    if (seen.Version > version)
                        LaterVersions++;
                    else if (seen.Total != TotalBeds || seen.Occupied != occupied)
                        WrongCounts++;
                }
                return (putTime, arrivals);
            }
            catch (Exception e)
            {
                // Leave nothing polling behind: stop the other requests and wait for them.
                await limit.CancelAsync();
                await Task.WhenAll(boards.Cast<Task>().Append(put)).ContinueWith(_ => { }, TaskScheduler.Default);
                ct.ThrowIfCancellationRequested();
                if (e is BenchException)
                    throw;
                throw new BenchException(DescribeStuckChange(occupied, version, e), e);
            }
        }

        async Task<TimeSpan> PutAsync(HttpContent body, CancellationToken ct)
        {
            using var response = await _shelter.PutAsync($"/api/shelters/{ShelterId}/beds/{BedType}", body, ct);
            var answer = await response.Content.ReadAsStringAsync(ct);
            var took = Stopwatch.GetElapsedTime(_changeStarted);
            if (!response.IsSuccessStatusCode)
                throw new BenchException($"PUT /api/shelters/{ShelterId}/beds/{BedType} answered {(int)response.StatusCode}: {answer}\n  {_network["Shelter"].DescribeErrors()}");
            return took;
        }

        string DescribeStuckChange(int occupied, long version, Exception e)
        {
            var what = !_versionKnown ? $"the first change (total {TotalBeds}, occupied {occupied})" : $"change {_changesMade + 1} (version {version}, occupied {occupied})";
            var why = e is OperationCanceledException ? "" : $" ({e.GetType().Name}: {e.Message})";
            var text = new StringBuilder($"{what} did not reach every bed board within {_timeout.TotalSeconds:0} s{why}.");
            foreach (var board in _boards)
            {
                var last = board.LastReading is { } r ? $"version {r.Version}, total {r.Total}, occupied {r.Occupied}" : $"no entry for {ShelterId}";
                text.Append($"\n  {board.Service} last showed {last}");
            }
            foreach (var name in BenchNetwork.ServiceNames)
                text.Append("\n  ").Append(_network[name].DescribeErrors());
            text.Append($"\n  The services' logs are in {_network.Folder}.");
            return text.ToString();
        }

        public void Dispose()
        {
            _shelter.Dispose();
            _boards.ForEach(b => b.Dispose());
        }
    }

    public static readonly BenchMode Mode = new(
        "bed-propagation",
        "time from a bed change at Shelter until LegalAid, Medical and Vocational show it",
        [
            new("changes", "N", "measured changes, one after another (default 1000)"),
            new("warmup", "N", "changes made and discarded first (default 1000, at least 1)"),
            new("poll-interval-ms", "MS", "pause between two reads of a board (default 1)"),
            new("pause-ms", "MS", "pause after each change has reached every board (default 0: back to back)"),
            new("timeout", "SECONDS", "longest wait for one change to reach every board (default 30)"),
            new("samples", "PATH", "also write every measured change as CSV (milliseconds)"),
        ],
        "configuration for every service, e.g. ReferralNet:Outbox:PollingInterval=00:01:00",
        RunAsync);
}
