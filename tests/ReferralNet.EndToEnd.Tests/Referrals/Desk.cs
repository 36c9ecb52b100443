using System.Net;
using ReferralNet.Client;
using ReferralNet.Contracts.Api;
using ReferralNet.Testing;

namespace ReferralNet.EndToEnd.Tests.Referrals;

/// <summary>
/// One organisation's staff at the service that hosts it: the shared REST client, with a failure
/// message that quotes the server's answer.
/// </summary>
public sealed class Desk(string organisationId, HttpClient client)
{
    readonly ServiceApi _api = new(client, name: organisationId);

    public string OrganisationId => organisationId;

    public HttpClient Client => client;

    public async Task<string> RegisterSurvivorAsync(object profile) =>
        Expect(await _api.RegisterSurvivorAsync(profile), HttpStatusCode.Created, "register a survivor").Id;

    public async Task<string> RecordConsentAsync(string survivorId, string recipientOrgId, params string[] categories) =>
        Expect(await _api.RecordConsentAsync(survivorId, new { recipientOrgId, categories, method = "written" }),
            HttpStatusCode.Created, $"record consent for {recipientOrgId}").Id;

    /// <param name="traceParent">A W3C traceparent to send the request in, as a caller already in a trace would.</param>
    public async Task<string> ReferAsync(string survivorId, string toOrgId, string service, string[]? share = null,
        string? note = null, string priority = "routine", string? traceParent = null)
    {
        var body = new { survivorId, toOrgId, service, priority, share = share ?? [], note, contactingSubjectProhibited = false };
        var api = traceParent is null ? _api : new ServiceApi(client, [new("traceparent", traceParent)], organisationId);
        var created = Expect(await api.ReferAsync(body), HttpStatusCode.Created, $"refer to {toOrgId}");
        Assert.Equal("requested", created.Status);
        return created.Id;
    }

    /// <summary>The referral as this organisation may read it, or the service's refusal (its status code).</summary>
    public Task<ApiResult<ReferralView>> GetReferralAsync(string referralId) => _api.ReferralAsync(referralId);

    public async Task<ReferralView> ReferralAsync(string referralId) =>
        Expect(await GetReferralAsync(referralId), HttpStatusCode.OK, $"read referral {referralId}");

    /// <summary>Waits until this organisation has the referral and it is as expected.</summary>
    public async Task<ReferralView> ReferralWhenAsync(string referralId, Func<ReferralView, bool> done, string what) =>
        (await Eventually.ReturnsAsync(async () =>
        {
            var answer = await GetReferralAsync(referralId);
            return answer.Status == (int)HttpStatusCode.NotFound ? null : Expect(answer, HttpStatusCode.OK, $"read referral {referralId}");
        }, view => view is not null && done(view), $"{organisationId}: {what}"))!;

    public async Task<ReferralView> ChangeStatusAsync(string referralId, string status, string? reason = null, string? declinedBy = null) =>
        Expect(await _api.ChangeStatusAsync(referralId, new StatusChangeRequest(status, reason, declinedBy)), HttpStatusCode.OK, $"move referral {referralId} to {status}");

    public async Task<IReadOnlyList<AuditLine>> AuditAsync(string referralId) =>
        Expect(await _api.AuditAsync(referralId), HttpStatusCode.OK, $"read the audit of {referralId}");

    public async Task<IReadOnlyList<ReferralView>> ReferralsAsync(string? direction = null) =>
        Expect(await _api.ReferralsAsync(direction), HttpStatusCode.OK, "list referrals");

    public async Task<ConsentView> ConsentAsync(string consentId) =>
        Expect(await _api.ConsentAsync(consentId), HttpStatusCode.OK, $"read consent {consentId}");

    public async Task RevokeAsync(string consentId, string reason = "survivor-request") =>
        Expect(await _api.RevokeAsync(consentId, new RevocationRequest(reason)), HttpStatusCode.OK, $"revoke consent {consentId}");

    static T Expect<T>(ApiResult<T> answer, HttpStatusCode expected, string what)
    {
        if (answer.Status != (int)expected)
            Assert.Fail($"{what}: expected {(int)expected}, got {answer.Status}: {answer.Problem}");
        return answer.Value!;
    }
}
