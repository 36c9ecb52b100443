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

    public Task<ApiResult<List<SurvivorSummary>>> SurvivorsAsync(CancellationToken ct = default) =>
        GetAsync<List<SurvivorSummary>>($"/api/survivors", ct);

    public Task<ApiResult<SurvivorView>> SurvivorAsync(string survivorId, CancellationToken ct = default) =>
        GetAsync<SurvivorView>($"/api/survivors/{survivorId}", ct);

    // Consent
    public Task<ApiResult<ConsentCreated>> RecordConsentAsync(string survivorId, object consent, CancellationToken ct = default) =>
        PostAsync<ConsentCreated>($"/api/survivors/{survivorId}/consents", consent, ct);

    public Task<ApiResult<List<ConsentView>>> ConsentsOfAsync(string survivorId, CancellationToken ct = default) =>
        GetAsync<List<ConsentView>>($"/api/survivors/{survivorId}/consents", ct);

    public Task<ApiResult<ConsentView>> ConsentAsync(string consentId, CancellationToken ct = default) =>
        GetAsync<ConsentView>($"/api/consents/{consentId}", ct);

    public Task<ApiResult<ConsentRevoked>> RevokeAsync(string consentId, RevocationRequest revocation, CancellationToken ct = default) =>
        PostAsync<ConsentRevoked>($"/api/consents/{consentId}/revoke", revocation, ct);

    // Referrals
    public Task<ApiResult<ReferralCreated>> ReferAsync(object referral, CancellationToken ct = default) =>
        PostAsync<ReferralCreated>($"/api/referrals", referral, ct);

    /// <summary>The organisation's referrals; <paramref name="direction"/> is "sent", "received" or null for both.</summary>
    public Task<ApiResult<List<ReferralView>>> ReferralsAsync(string? direction = null, CancellationToken ct = default) =>
        GetAsync<List<ReferralView>>(direction is null ? (FormattableString)$"/api/referrals" : $"/api/referrals?direction={direction}", ct);

    public Task<ApiResult<ReferralView>> ReferralAsync(string referralId, CancellationToken ct = default) =>
        GetAsync<ReferralView>($"/api/referrals/{referralId}", ct);

    public Task<ApiResult<ReferralView>> ChangeStatusAsync(string referralId, StatusChangeRequest change, CancellationToken ct = default) =>
        PostAsync<ReferralView>($"/api/referrals/{referralId}/status", change, ct);

    public Task<ApiResult<List<AuditLine>>> AuditAsync(string referralId, CancellationToken ct = default) =>
        GetAsync<List<AuditLine>>($"/api/referrals/{referralId}/audit", ct);

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
        return ApiResult<T>.Success(value, (int)response.StatusCode);
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
