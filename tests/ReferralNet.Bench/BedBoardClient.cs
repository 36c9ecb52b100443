using System.Diagnostics;
using System.Text.Json;

namespace ReferralNet.Bench;

/// <summary>
/// Reads one service's bed board (<c>GET /api/beds</c>) over one kept-alive HTTP/1.1 connection,
/// as an organisation of that service, and watches one shelter's bed type on it.
/// </summary>
sealed class BedBoardClient : IDisposable
{
    readonly HttpClient _http;
    readonly string _query;
    readonly string _shelterId;

    public BedBoardClient(string service, Uri restUrl, string apiKey, string shelterId, string bedType, string area)
    {
        Service = service;
        _shelterId = shelterId;
        _query = $"/api/beds?bedType={Uri.EscapeDataString(bedType)}&area={Uri.EscapeDataString(area)}";
        _http = BenchHttp.For(restUrl, apiKey, TimeSpan.FromSeconds(10));
    }

    public string Service { get; }

    /// <summary>The shelter's entry on the board now, or null while the board has none.</summary>
    public async Task<BoardReading?> ReadAsync(CancellationToken ct)
    {
        using var response = await _http.GetAsync(_query, ct);
        if (!response.IsSuccessStatusCode)
            throw new BenchException($"GET {_query} on {Service} answered {(int)response.StatusCode} {response.ReasonPhrase}: {await response.Content.ReadAsStringAsync(ct)}");
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        using var json = await JsonDocument.ParseAsync(body, cancellationToken: ct);
        var seenAt = Stopwatch.GetTimestamp();
        foreach (var entry in json.RootElement.EnumerateArray())
        {
            if (entry.GetProperty("shelterId").GetString() == _shelterId)
                return new BoardReading(entry.GetProperty("version").GetInt64(), entry.GetProperty("total").GetInt32(), entry.GetProperty("occupied").GetInt32(), seenAt);
        }
        return null;
    }

    /// <summary>What the board showed at the last read, for a message when it never catches up.</summary>
    public BoardReading? LastReading { get; private set; }

    /// <summary>
    /// Polls every <paramref name="interval"/> until the board <paramref name="shows"/> what is
    /// awaited; <paramref name="since"/> is the timestamp the change was started at.
    /// </summary>
    public async Task<BoardArrival> WaitUntilAsync(Func<BoardReading, bool> shows, long since, TimeSpan interval, CancellationToken ct)
    {
        var lastWithout = since;
        for (var polls = 1; ; polls++)
        {
            var reading = await ReadAsync(ct);
            LastReading = reading;
            if (reading is { } seen && shows(seen))
                return new BoardArrival(seen, Stopwatch.GetElapsedTime(lastWithout, seen.SeenAt), polls);
            lastWithout = reading?.SeenAt ?? Stopwatch.GetTimestamp();
            await Task.Delay(interval, ct);
        }
    }

    public void Dispose() => _http.Dispose();
}
