using System.Net.Http.Json;
using System.Text.Json;
using ReferralNet.Contracts.Api;

namespace ReferralNet.Client;

/// <summary>
/// One service's REST API, called as one organisation (the caller's headers, e.g. its API key or
/// token, go on every request). An answer that is not a success comes back as its problem's
/// <c>detail</c>; a service that does not answer throws <see cref="HttpRequestException"/> (or
/// <see cref="TaskCanceledException"/> on a timeout), so a caller can tell "refused" from "in doubt".
/// Ids are escaped into paths by <see cref="ServicePath"/>. <c>name</c> (e.g. "shelter") names the service in messages.
/// </summary>
public sealed class ServiceApi(HttpClient http, Uri baseAddress, IEnumerable<KeyValuePair<string, string>>? headers = null, string? name = null)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    readonly IReadOnlyList<KeyValuePair<string, string>> _headers = headers?.ToList() ?? [];

    /// <summary>A client whose <see cref="HttpClient.BaseAddress"/> is the service.</summary>
    public ServiceApi(HttpClient http, IEnumerable<KeyValuePair<string, string>>? headers = null, string? name = null)
        : this(http, http.BaseAddress ?? throw new ArgumentException("the HttpClient has no BaseAddress: pass the service's address", nameof(http)), headers, name)
    {
    }

    // Survivors
    public Task<ApiResult<CreatedId>> RegisterSurvivorAsync(object registration, CancellationToken ct = default) =>
        PostAsync<CreatedId>($"/api/survivors", registration, ct);

    /// <summary>All the organisation's survivors, oldest first (every page followed).</summary>
    public Task<ApiResult<List<SurvivorSummary>>> SurvivorsAsync(CancellationToken ct = default) =>
        AllAsync<SurvivorSummary>($"/api/survivors?limit={Paging.MaxLimit}", ct);

    public Task<ApiResult<SurvivorView>> SurvivorAsync(string survivorId, CancellationToken ct = default) =>
        GetAsync<SurvivorView>($"/api/survivors/{survivorId}", ct);

    // Consent
    public Task<ApiResult<ConsentCreated>> RecordConsentAsync(string survivorId, object consent, CancellationToken ct = default) =>
        PostAsync<ConsentCreated>($"/api/survivors/{survivorId}/consents", consent, ct);

    /// <summary>All consents of one survivor, oldest first (every page followed).</summary>
    public Task<ApiResult<List<ConsentView>>> ConsentsOfAsync(string survivorId, CancellationToken ct = default) =>
        AllAsync<ConsentView>($"/api/survivors/{survivorId}/consents?limit={Paging.MaxLimit}", ct);

    public Task<ApiResult<ConsentView>> ConsentAsync(string consentId, CancellationToken ct = default) =>
        GetAsync<ConsentView>($"/api/consents/{consentId}", ct);

    public Task<ApiResult<ConsentRevoked>> RevokeAsync(string consentId, RevocationRequest revocation, CancellationToken ct = default) =>
        PostAsync<ConsentRevoked>($"/api/consents/{consentId}/revoke", revocation, ct);

    // Referrals
    public Task<ApiResult<ReferralCreated>> ReferAsync(object referral, CancellationToken ct = default) =>
        PostAsync<ReferralCreated>($"/api/referrals", referral, ct);

    /// <summary>
    /// All the organisation's referrals, oldest first (every page followed); <paramref name="direction"/>
    /// is "sent", "received" or null for both.
    /// </summary>
    public Task<ApiResult<List<ReferralView>>> ReferralsAsync(string? direction = null, CancellationToken ct = default) =>
        AllAsync<ReferralView>(direction is null ? (FormattableString)$"/api/referrals?limit={Paging.MaxLimit}" : $"/api/referrals?direction={direction}&limit={Paging.MaxLimit}", ct);

    public Task<ApiResult<ReferralView>> ReferralAsync(string referralId, CancellationToken ct = default) =>
        GetAsync<ReferralView>($"/api/referrals/{referralId}", ct);

    public Task<ApiResult<ReferralView>> ChangeStatusAsync(string referralId, StatusChangeRequest change, CancellationToken ct = default) =>
        PostAsync<ReferralView>($"/api/referrals/{referralId}/status", change, ct);

    /// <summary>One referral's whole audit trail, oldest first (every page followed).</summary>
    public Task<ApiResult<List<AuditLine>>> AuditAsync(string referralId, CancellationToken ct = default) =>
        AllAsync<AuditLine>($"/api/referrals/{referralId}/audit?limit={Paging.MaxLimit}", ct);

    // Operations (operators only)
    public Task<ApiResult<ReferralOverview>> ReferralOverviewAsync(CancellationToken ct = default) =>
        GetAsync<ReferralOverview>($"/api/operations/referrals", ct);

    public Task<ApiResult<ReferralState>> ReferralStateAsync(string referralId, CancellationToken ct = default) =>
        GetAsync<ReferralState>($"/api/operations/referrals/{referralId}", ct);

    /// <summary>Whether <c>/health</c> answers 200, and its text (or the status code).</summary>
    public async Task<(bool Healthy, string Text)> HealthAsync(CancellationToken ct = default)
    {
        using var response = await http.GetAsync(new Uri(baseAddress, "/health"), ct);
        var text = (await response.Content.ReadAsStringAsync(ct)).Trim();
        return (response.IsSuccessStatusCode, text.Length is > 0 and < 40 ? text : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    // Any path, for what has no method above yet: every hole of the template is escaped as one
    // segment (ServicePath), so no caller can put a raw id into a path.
    public Task<ApiResult<T>> GetAsync<T>(FormattableString path, CancellationToken ct = default) => SendAsync<T>(HttpMethod.Get, path, null, ct);

    public Task<ApiResult<T>> PostAsync<T>(FormattableString path, object body, CancellationToken ct = default) => SendAsync<T>(HttpMethod.Post, path, body, ct);

    public Task<ApiResult<T>> PutAsync<T>(FormattableString path, object body, CancellationToken ct = default) => SendAsync<T>(HttpMethod.Put, path, body, ct);

    /// <summary>
    /// Every item of a list (<see cref="Paging"/>): the first page from <paramref name="path"/>, then
    /// each page its <c>Link: rel="next"</c> names, until one names none. A failure of any page is the answer.
    /// </summary>
    public async Task<ApiResult<List<T>>> AllAsync<T>(FormattableString path, CancellationToken ct = default)
    {
        var items = new List<T>();
        var page = await SendAsync<List<T>>(HttpMethod.Get, path, null, ct);
        while (true)
        {
            if (!page.Ok)
                return ApiResult<List<T>>.Failure(page.Status, page.Problem!);
            items.AddRange(page.Value!);
            if (page.Next is not { } next)
                return ApiResult<List<T>>.Success(items, page.Status);
            // The service names its own next page; it must stay a path on this service.
            if (!next.StartsWith('/') || next.StartsWith("//", StringComparison.Ordinal))
                return ApiResult<List<T>>.Failure(502, $"the {name ?? baseAddress.Authority} service named a next page outside itself; tell your network operator");
            page = await SendAsync<List<T>>(HttpMethod.Get, next, null, ct);
        }
    }

    Task<ApiResult<T>> SendAsync<T>(HttpMethod method, FormattableString template, object? body, CancellationToken ct)
    {
        string path;
        try
        {
            path = ServicePath.Of(template);
        }
        catch (ArgumentException e)
        {
            // Refused here: a dot segment would be resolved away and reach another endpoint.
            return Task.FromResult(ApiResult<T>.Failure(400, e.Message));
        }
        return SendAsync<T>(method, path, body, ct);
    }

    async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseAddress, path));
        foreach (var (header, text) in _headers)
            request.Headers.TryAddWithoutValidation(header, text);
        if (body is not null)
            request.Content = JsonContent.Create(body, options: Json);
        using var response = await http.SendAsync(request, ct);
        var answer = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            return ApiResult<T>.Failure((int)response.StatusCode, ProblemOf(answer, response));
        var value = JsonSerializer.Deserialize<T>(answer, Json)
            ?? throw new JsonException($"{method} {path} answered {(int)response.StatusCode} with an empty body");
        return ApiResult<T>.Success(value, (int)response.StatusCode) with { Next = NextPageOf(response) };
    }

    // Link: <path>; rel="next" (RFC 8288), as the services write it.
    static string? NextPageOf(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var links))
            return null;
        foreach (var link in links.SelectMany(l => l.Split(',')))
        {
            var parts = link.Split(';', StringSplitOptions.TrimEntries);
            if (parts.Length > 1 && parts[0].StartsWith('<') && parts[0].EndsWith('>')
                && parts.Skip(1).Any(p => p.Replace(" ", "", StringComparison.Ordinal) == $"rel=\"{Paging.NextRelation}\""))
                return parts[0][1..^1];
        }
        return null;
    }

    string ProblemOf(string body, HttpResponseMessage response)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 } text)
                return text;
        }
        catch (JsonException)
        {
            // Not a problem document: say what came back.
        }
        return $"the {name ?? baseAddress.Authority} service answered {(int)response.StatusCode} {response.ReasonPhrase}; try again, and if it keeps failing tell your network operator";
    }

}
