using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReferralNet.Contracts.Referrals;

namespace ReferralNet.Attacks.Tests.Confidentiality;

/// <summary>A legal-aid caseworker who refers a survivor, with every category consented, to a shelter.</summary>
public sealed class Caseworker(HttpClient sender, HttpClient recipient)
{
    public const string Recipient = "harbour-house";

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Registers a survivor with <paramref name="values"/> and records consent for every category
    /// (until <paramref name="expiresAt"/>, or the longest a consent may run); returns the survivor id and the consent id.
    /// </summary>
    public async Task<(string SurvivorId, string ConsentId)> ConsentedSurvivorAsync(PersonalValues values, DateTimeOffset? expiresAt = null)
    {
        var survivor = await IdAsync(await sender.PostAsJsonAsync("/api/survivors", values.Registration, Ct), "register a survivor");
        var consent = await IdAsync(await sender.PostAsJsonAsync($"/api/survivors/{survivor}/consents",
            new { recipientOrgId = Recipient, categories = ConsentCategories.All, method = "written", expiresAt }, Ct), "record consent");
        return (survivor, consent);
    }

    /// <summary>Refers the survivor to the shelter sharing everything and a note; returns the referral id.</summary>
    public async Task<string> ReferAsync(string survivorId, PersonalValues values) =>
        await IdAsync(await sender.PostAsJsonAsync("/api/referrals", new
        {
            survivorId, toOrgId = Recipient, service = "bed:women", priority = "routine",
            share = ConsentCategories.All, note = values.Note, contactingSubjectProhibited = false,
        }, Ct), "refer");

    public async Task RevokeAsync(string consentId)
    {
        var answer = await sender.PostAsJsonAsync($"/api/consents/{consentId}/revoke", new { reason = "survivor-request" }, Ct);
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"revoke: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync(Ct)}");
    }

    /// <summary>The sender's audit of the referral, as text.</summary>
    public async Task<string> SenderAuditAsync(string referralId) => await sender.GetStringAsync($"/api/referrals/{referralId}/audit", Ct);

    /// <summary>The recipient's view of the referral, or null while it has not arrived.</summary>
    public async Task<string?> AtRecipientAsync(string referralId)
    {
        var answer = await recipient.GetAsync($"/api/referrals/{referralId}", Ct);
        return answer.StatusCode == HttpStatusCode.NotFound ? null : await answer.Content.ReadAsStringAsync(Ct);
    }

    static async Task<string> IdAsync(HttpResponseMessage answer, string what)
    {
        var text = await answer.Content.ReadAsStringAsync(Ct);
        Assert.True(answer.StatusCode == HttpStatusCode.Created, $"{what}: {(int)answer.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }
}
