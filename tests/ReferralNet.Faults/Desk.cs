using System.Net;
using ReferralNet.Client;
using ReferralNet.Contracts.Api;
using ReferralNet.Testing;

namespace ReferralNet.Faults;

/// <summary>One organisation's calls to the referral API of the service that hosts it (the shared REST client).</summary>
sealed class Desk : IDisposable
{
    readonly HttpClient _http;
    readonly ServiceApi _api;

    public Desk(string organisationId, string apiKey, ServiceProcess service)
    {
        OrganisationId = organisationId;
        Service = service;
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), UseProxy = false };
        _http = new HttpClient(handler) { BaseAddress = service.RestUrl, Timeout = TimeSpan.FromSeconds(30) };
        _api = new ServiceApi(_http, [new("X-Api-Key", apiKey)], service.Name);
    }

    public string OrganisationId { get; }

    public ServiceProcess Service { get; }

    /// <summary>A synthetic survivor with no consent: the referrals carry no personal data.</summary>
    public async Task<string> RegisterSurvivorAsync(CancellationToken ct) =>
        Value(await _api.RegisterSurvivorAsync(new
        {
            givenName = "Fault", familyName = "Synthetic", dateOfBirth = "1990-01-01", languages = new[] { "en" }, dependants = 0,
        }, ct), "POST /api/survivors").Id;

    /// <summary>POSTs one referral; the id of a 201, or an exception: <see cref="HttpRequestException"/> when the service did not answer.</summary>
    public async Task<string> ReferAsync(string survivorId, string toOrganisationId, string service, CancellationToken ct) =>
        Value(await _api.ReferAsync(new { survivorId, toOrgId = toOrganisationId, service, priority = "routine" }, ct), "POST /api/referrals").Id;

    /// <summary>Every referral this organisation sent or received, as its own service lists them.</summary>
    public async Task<IReadOnlyList<ReferralView>> ReferralsAsync(string direction, CancellationToken ct) =>
        Value(await _api.ReferralsAsync(direction, ct), "GET /api/referrals");

    /// <summary>The actions of one referral's audit trail on this side.</summary>
    public async Task<IReadOnlyList<string>> AuditActionsAsync(string referralId, CancellationToken ct)
    {
        var trail = await _api.AuditAsync(referralId, ct);
        return trail.Status == (int)HttpStatusCode.NotFound ? [] : Value(trail, "GET /api/referrals/{id}/audit").Select(a => a.Action).ToList();
    }

    /// <summary>Whether the service answers /health with 200.</summary>
    public async Task<bool> IsHealthyAsync(CancellationToken ct)
    {
        try
        {
            return (await _api.HealthAsync(ct)).Healthy;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    T Value<T>(ApiResult<T> answer, string what) =>
        answer.Ok ? answer.Value! : throw new FaultRefusedException($"{what} as {OrganisationId} at {Service.Name} answered {answer.Status}: {answer.Problem}");

    public void Dispose() => _http.Dispose();
}
