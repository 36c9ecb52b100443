using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using RabbitMQ.Client;
using ReferralNet.BadInput.Corpus;

namespace ReferralNet.BadInput.Replay;

/// <summary>
/// Sends every corpus entry to a network and classifies each answer. REST and gRPC entries go out
/// several at a time; broker entries are published, then found (or not) in the _error queues,
/// which are only peeked at, never drained. Finally every service must still answer /health.
/// </summary>
public sealed class Replayer(ReplayNetwork network, ReplayOptions options)
{
    const string EntryHeader = "badinput-entry";

    public async Task<ReplayReport> RunAsync(IReadOnlyList<CorpusEntry> corpus, CancellationToken ct)
    {
        var started = DateTimeOffset.UtcNow;
        var fixtures = await Fixtures.CreateAsync(network, ct);
        var results = new ConcurrentBag<EntryResult>();
        var done = 0;
        await Parallel.ForEachAsync(corpus.Where(e => e.Protocol is "rest" or "grpc"),
            new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct },
            async (entry, token) =>
            {
                results.Add(entry.Protocol == "rest" ? await RestAsync(entry, fixtures, token) : await GrpcAsync(entry, fixtures, token));
                if (Interlocked.Increment(ref done) % 1000 == 0)
                    options.Progress?.Invoke($"{done} requests answered");
            });
        foreach (var result in await AmqpAsync(corpus.Where(e => e.Protocol == "amqp").ToList(), ct))
            results.Add(result);
        var health = await HealthAsync(ct);
        return new ReplayReport([.. results.OrderBy(r => r.Entry.Id)], health, fixtures.Warnings, DateTimeOffset.UtcNow - started);
    }

    ServiceTarget Target(CorpusEntry entry) => network.Services.Single(s => s.Name == entry.Service);

    async Task<EntryResult> RestAsync(CorpusEntry entry, Fixtures fixtures, CancellationToken ct)
    {
        var target = Target(entry);
        try
        {
            using var http = new HttpClient(target.RestHandler, disposeHandler: false) { Timeout = options.RequestTimeout };
            using var request = new HttpRequestMessage(new HttpMethod(entry.Method), new Uri(target.Rest.ToString().TrimEnd('/') + fixtures.Fill(entry.Service, entry.Path)));
            var body = entry.BodyBytes(text => fixtures.Fill(entry.Service, text));
            if (entry.Body is not null || entry.BodyBase64 is not null || entry.Huge is not null)
                request.Content = new ByteArrayContent(body);
            foreach (var (name, value) in entry.Headers)
            {
                if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    request.Content ??= new ByteArrayContent([]);
                    request.Content.Headers.TryAddWithoutValidation(name, value);
                }
                else
                    request.Headers.TryAddWithoutValidation(name, value);
            }
            if (request.Content is not null && !entry.Headers.ContainsKey("Content-Type"))
                request.Content.Headers.ContentType = null;
            using var response = await http.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync(ct);
            var (detail, title) = ProblemOf(text);
            return Classify(entry, status / 100, status.ToString(), detail, title);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            return new EntryResult(entry, Outcome.Crash, e.GetType().Name, e.Message);
        }
    }

    async Task<EntryResult> GrpcAsync(CorpusEntry entry, Fixtures fixtures, CancellationToken ct)
    {
        var target = Target(entry);
        try
        {
            byte[] framed;
            if (entry.BodyBase64 is not null)
                framed = Convert.FromBase64String(entry.BodyBase64);
            else
            {
                var json = entry.Huge is not null ? Encoding.UTF8.GetString(entry.Huge.Build()) : fixtures.Fill(entry.Service, entry.Body ?? "{}");
                var method = GrpcMethod.At(entry.Path);
                framed = GrpcCorpus.Frame(JsonParser.Default.Parse(json, method.Request).ToByteArray());
            }
            var answer = await GrpcCall.SendAsync(target, entry.Path, entry.Headers, framed, ct);
            if (answer.HttpStatus != 200)
            {
                var (detail, title) = ProblemOf(Encoding.UTF8.GetString(answer.Body));
                return Classify(entry, answer.HttpStatus / 100, $"HTTP {answer.HttpStatus}", detail ?? answer.Message, title);
            }
            if (answer.GrpcStatus is not { } code)
                return new EntryResult(entry, Outcome.Crash, "no grpc-status", null);
            return Classify(entry, GrpcStatusClass.ClassOf(code), GrpcStatusClass.NameOf(code), answer.Message, null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            return new EntryResult(entry, Outcome.Crash, e.GetType().Name, e.Message);
        }
    }

    static EntryResult Classify(CorpusEntry entry, int statusClass, string status, string? detail, string? title) => statusClass switch
    {
        2 => new EntryResult(entry, entry.Expect == "4xx" ? Outcome.Accepted : Outcome.Success, status, null),
        4 => new EntryResult(entry, UsefulMessage.IsUseful(detail, title) ? Outcome.ClientError : Outcome.ClientErrorWithoutMessage, status, detail),
        5 => new EntryResult(entry, Outcome.ServerError, status, detail),
        // 1xx and 3xx are not answers to these requests.
        _ => new EntryResult(entry, Outcome.ServerError, status, detail),
    };

    static (string? Detail, string? Title) ProblemOf(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
                return (null, null);
            string? Get(string name) => json.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            return (Get("detail"), Get("title"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    async Task<IReadOnlyList<EntryResult>> AmqpAsync(IReadOnlyList<CorpusEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0)
            return [];
        var factory = new ConnectionFactory { Uri = new Uri(network.AmqpConnectionString), ClientProvidedName = "referralnet-badinput" };
        await using var connection = await factory.CreateConnectionAsync(ct);
        var run = Guid.NewGuid().ToString("N")[..8];
        var idOf = entries.ToDictionary(e => e, e => $"badinput-{run}-{e.Id}");
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct))
        {
            foreach (var entry in entries)
            {
                var properties = new BasicProperties
                {
                    MessageId = idOf[entry],
                    Persistent = true,
                    ContentType = entry.Headers.GetValueOrDefault("content_type"),
                    Headers = new Dictionary<string, object?> { [EntryHeader] = entry.Id.ToString() },
                };
                await channel.BasicPublishAsync("", entry.Path, mandatory: false, properties, entry.BodyBytes(t => t), ct);
            }
        }
        options.Progress?.Invoke($"{entries.Count} messages published; waiting for them in the _error queues");

        // Retries take up to about 10 s per message; wait until all are found or nothing new turns up for a while.
        var found = new HashSet<string>();
        var skipped = new HashSet<string>();
        var lastNew = DateTimeOffset.UtcNow;
        var deadline = DateTimeOffset.UtcNow + options.AmqpTimeout;
        while (found.Count + skipped.Count < entries.Count && DateTimeOffset.UtcNow < deadline && DateTimeOffset.UtcNow - lastNew < options.AmqpQuietPeriod)
        {
            await Task.Delay(500, ct);
            var before = found.Count + skipped.Count;
            foreach (var queue in entries.Select(e => e.Path).Distinct())
            {
                // Messages of earlier runs (or of real faults) may be there too: count only this run's.
                found.UnionWith((await PeekIdsAsync(connection, queue + "_error", ct)).Where(id => id.StartsWith($"badinput-{run}-", StringComparison.Ordinal)));
                skipped.UnionWith((await PeekIdsAsync(connection, queue + "_skipped", ct)).Where(id => id.StartsWith($"badinput-{run}-", StringComparison.Ordinal)));
            }
            if (found.Count + skipped.Count > before)
                lastNew = DateTimeOffset.UtcNow;
        }
        return entries.Select(e => found.Contains(idOf[e]) ? new EntryResult(e, Outcome.InErrorQueue, "in _error", null)
            : skipped.Contains(idOf[e]) ? new EntryResult(e, Outcome.InSkippedQueue, "in _skipped", null)
            : new EntryResult(e, Outcome.NotInErrorQueue, "consumed", "the message was consumed without failing, or is still being retried")).ToList();
    }

    // Gets every message without acknowledging it, then closes the channel: all go back to the queue.
    static async Task<List<string>> PeekIdsAsync(IConnection connection, string queue, CancellationToken ct)
    {
        var ids = new List<string>();
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            while (await channel.BasicGetAsync(queue, autoAck: false, ct) is { } message)
                if (message.BasicProperties.MessageId is { } id)
                    ids.Add(id);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            // The _error queue is created by the first failure; until then there is nothing to find.
        }
        return ids;
    }

    async Task<IReadOnlyDictionary<string, string>> HealthAsync(CancellationToken ct)
    {
        var health = new Dictionary<string, string>();
        foreach (var target in network.Services)
        {
            try
            {
                using var http = new HttpClient(target.RestHandler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(30) };
                using var response = await http.GetAsync(new Uri(target.Rest, "/health"), ct);
                health[target.Name] = response.IsSuccessStatusCode ? "healthy" : $"/health answered {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                health[target.Name] = $"no answer: {e.GetType().Name}";
            }
        }
        return health;
    }
}
