using System.Net;
using System.Net.Http.Json;
using ReferralNet.Referrals.Consent;
using ReferralNet.Referrals;
using ReferralNet.Testing;

namespace ReferralNet.EndToEnd.Tests.Referrals;

/// <summary>
/// One organisation's staff at the service that hosts it: the referral engine's REST API, with a
/// failure message that quotes the server's answer.
/// </summary>
public sealed class Desk(string organisationId, HttpClient client)
{
    public string OrganisationId => organisationId;

    public HttpClient Client => client;

    public async Task<string> RegisterSurvivorAsync(object profile) =>
        (await ExpectAsync(await client.PostAsJsonAsync("/api/survivors", profile), HttpStatusCode.Created, "register a survivor")).Id;

    public async Task<string> RecordConsentAsync(string survivorId, string recipientOrgId, params string[] categories) =>
        (await ExpectAsync(
            await client.PostAsJsonAsync($"/api/survivors/{survivorId}/consents", new { recipientOrgId, categories, method = "written" }),
            HttpStatusCode.Created, $"record consent for {recipientOrgId}")).Id;

    public async Task<string> ReferAsync(string survivorId, string toOrgId, string service, string[]? share = null,
        string? note = null, string? bedHoldId = null, string priority = "routine", HttpRequestMessage? request = null)
    {
        var body = new { survivorId, toOrgId, service, priority, share = share ?? [], note, contactingSubjectProhibited = false, bedHoldId };
        request ??= new HttpRequestMessage(HttpMethod.Post, "/api/referrals");
        request.Content = JsonContent.Create(body);
        var created = await ExpectAsync(await client.SendAsync(request), HttpStatusCode.Created, $"refer to {toOrgId}");
        Assert.Equal("requested", created.Status);
        return created.Id;
    }

    public Task<HttpResponseMessage> GetReferralAsync(string referralId) => client.GetAsync($"/api/referrals/{referralId}");

    public async Task<ReferralView> ReferralAsync(string referralId)
    {
        var response = await GetReferralAsync(referralId);
        await ExpectStatusAsync(response, HttpStatusCode.OK, $"read referral {referralId}");
        return (await response.Content.ReadFromJsonAsync<ReferralView>())!;
    }

    /// <summary>Waits until this organisation has the referral and it is as expected.</summary>
    public async Task<ReferralView> ReferralWhenAsync(string referralId, Func<ReferralView, bool> done, string what) =>
        (await Eventually.ReturnsAsync(async () =>
        {
            var response = await GetReferralAsync(referralId);
            return response.StatusCode == HttpStatusCode.NotFound ? null : (await response.Content.ReadFromJsonAsync<ReferralView>())!;
        }, view => view is not null && done(view), $"{organisationId}: {what}"))!;

    public async Task<ReferralView> ChangeStatusAsync(string referralId, string status, string? reason = null, string? declinedBy = null)
    {
        var response = await client.PostAsJsonAsync($"/api/referrals/{referralId}/status", new { status, reason, declinedBy });
        await ExpectStatusAsync(response, HttpStatusCode.OK, $"move referral {referralId} to {status}");
        return (await response.Content.ReadFromJsonAsync<ReferralView>())!;
    }

    public async Task<IReadOnlyList<AuditLine>> AuditAsync(string referralId)
    {
        var response = await client.GetAsync($"/api/referrals/{referralId}/audit");
        await ExpectStatusAsync(response, HttpStatusCode.OK, $"read the audit of {referralId}");
        return (await response.Content.ReadFromJsonAsync<List<AuditLine>>())!;
    }

    public async Task<IReadOnlyList<ReferralView>> ReferralsAsync(string? direction = null)
    {
        var response = await client.GetAsync(direction is null ? "/api/referrals" : $"/api/referrals?direction={direction}");
        await ExpectStatusAsync(response, HttpStatusCode.OK, "list referrals");
        return (await response.Content.ReadFromJsonAsync<List<ReferralView>>())!;
    }

    public async Task<ConsentView> ConsentAsync(string consentId)
    {
        var response = await client.GetAsync($"/api/consents/{consentId}");
        await ExpectStatusAsync(response, HttpStatusCode.OK, $"read consent {consentId}");
        return (await response.Content.ReadFromJsonAsync<ConsentView>())!;
    }

    public async Task RevokeAsync(string consentId, string reason = "survivor-request") =>
        await ExpectStatusAsync(await client.PostAsJsonAsync($"/api/consents/{consentId}/revoke", new { reason }), HttpStatusCode.OK, $"revoke consent {consentId}");

    static async Task<Created> ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        await ExpectStatusAsync(response, expected, what);
        return (await response.Content.ReadFromJsonAsync<Created>())!;
    }

    static async Task ExpectStatusAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode != expected)
            Assert.Fail($"{what}: expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    sealed record Created(string Id, string? Status);
}
