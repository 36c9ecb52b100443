using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ReferralNet.Testing;

namespace ReferralNet.Bench;

/// <summary>
/// Calls the referral API as one organisation, at the service that hosts it, over one kept-alive
/// HTTP/1.1 connection pool.
/// </summary>
sealed class OrganisationClient : IDisposable
{
    readonly HttpClient _http;
    readonly ServiceProcess _service;

    public OrganisationClient(string organisationId, string apiKey, ServiceProcess service, TimeSpan timeout)
    {
        OrganisationId = organisationId;
        _service = service;
        _http = BenchHttp.For(service.RestUrl, apiKey, timeout);
    }

    public string OrganisationId { get; }

    /// <summary>POSTs JSON and returns the answer's body; anything but a 2xx is a <see cref="BenchException"/>.</summary>
    public async Task<JsonElement> PostAsync(string path, string json, CancellationToken ct)
    {
        using var body = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(path, body, ct);
        var answer = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new BenchException($"POST {path} as {OrganisationId} at {_service.Name} answered {(int)response.StatusCode}: {answer}\n  {_service.DescribeErrors()}");
        return JsonDocument.Parse(answer).RootElement;
    }

    /// <summary>The body of a 200, or null for a 404; anything else is a <see cref="BenchException"/>.</summary>
    public async Task<JsonElement?> GetAsync(string path, CancellationToken ct)
    {
        using var response = await _http.GetAsync(path, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        var answer = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new BenchException($"GET {path} as {OrganisationId} at {_service.Name} answered {(int)response.StatusCode}: {answer}\n  {_service.DescribeErrors()}");
        return JsonDocument.Parse(answer).RootElement;
    }

    /// <summary>
    /// GETs <paramref name="path"/> every <paramref name="interval"/> until its answer <paramref name="shows"/>
    /// what is awaited (a 404 is passed as null); <paramref name="since"/> is when the awaited change was started.
    /// </summary>
    public async Task<PollArrival> WaitUntilAsync(string path, Func<JsonElement?, bool> shows, long since, TimeSpan interval, CancellationToken ct)
    {
        var lastWithout = since;
        for (var polls = 1; ; polls++)
        {
            var answer = await GetAsync(path, ct);
            var seenAt = Stopwatch.GetTimestamp();
            LastAnswer = answer;
            if (shows(answer))
                return new PollArrival(answer!.Value, seenAt, Stopwatch.GetElapsedTime(lastWithout, seenAt), polls);
            lastWithout = seenAt;
            await Task.Delay(interval, ct);
        }
    }

    /// <summary>What the last poll answered (null for a 404), for a message when the awaited answer never comes.</summary>
    public JsonElement? LastAnswer { get; private set; }

    public void Dispose() => _http.Dispose();
}
