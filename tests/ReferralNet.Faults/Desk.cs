using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReferralNet.Testing;

namespace ReferralNet.Faults;

/// <summary>One organisation's calls to the referral API of the service that hosts it.</summary>
sealed class Desk : IDisposable
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    readonly HttpClient _http;

    public Desk(string organisationId, string apiKey, ServiceProcess service)
    {
        OrganisationId = organisationId;
        Service = service;
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), UseProxy = false };
        _http = new HttpClient(handler) { BaseAddress = service.RestUrl, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
    }

    public string OrganisationId { get; }

    public ServiceProcess Service { get; }

    /// <summary>A synthetic survivor with no consent: the referrals carry no personal data.</summary>
    public async Task<string> RegisterSurvivorAsync(CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync("/api/survivors", new
        {
            givenName = "Fault", familyName = "Synthetic", dateOfBirth = "1990-01-01", languages = new[] { "en" }, dependants = 0,
        }, ct);
        return (await ReadAsync<IdOnly>(response, "POST /api/survivors", ct)).Id;
    }

    /// <summary>POSTs one referral; the id of a 201, or an exception: <see cref="HttpRequestException"/> when the service did not answer.</summary>
    public async Task<string> ReferAsync(string survivorId, string toOrganisationId, string service, CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync("/api/referrals", new { survivorId, toOrgId = toOrganisationId, service, priority = "routine" }, ct);
        return (await ReadAsync<IdOnly>(response, "POST /api/referrals", ct)).Id;
    }

    /// <summary>Every referral this organisation sent or received, as its own service lists them.</summary>
    public async Task<IReadOnlyList<ListedReferral>> ReferralsAsync(string direction, CancellationToken ct)
    {
        using var response = await _http.GetAsync($"/api/referrals?direction={direction}", ct);
        return await ReadAsync<List<ListedReferral>>(response, "GET /api/referrals", ct);
    }

    /// <summary>The actions of one referral's audit trail on this side.</summary>
    public async Task<IReadOnlyList<string>> AuditActionsAsync(string referralId, CancellationToken ct)
    {
        using var response = await _http.GetAsync($"/api/referrals/{referralId}/audit", ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return [];
        return (await ReadAsync<List<AuditLine>>(response, "GET /api/referrals/{id}/audit", ct)).Select(a => a.Action).ToList();
    }

    /// <summary>Whether the service answers /health with 200.</summary>
    public async Task<bool> IsHealthyAsync(CancellationToken ct)
    {
        try
        {
            using var response = await _http.GetAsync("/health", ct);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    async Task<T> ReadAsync<T>(HttpResponseMessage response, string what, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new FaultRefusedException($"{what} as {OrganisationId} at {Service.Name} answered {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Json) ?? throw new FaultException($"{what} as {OrganisationId} answered an empty body");
    }

    public void Dispose() => _http.Dispose();

    sealed record IdOnly(string Id);

    sealed record AuditLine(string Action);
}
