using System.Text.Json;
using ReferralNet.Messaging.Outbox;
using ReferralNet.Referrals.Survivors;

namespace ReferralNet.Referrals.Revocation;

/// <summary>
/// The copies of a referral that no database purge reaches: an outbox row at the origin not yet
/// sent, and a message in the recipient's <c>_error</c> or <c>_skipped</c> queue. A withdrawal
/// leaves each of them a referral without personal data, rather than dropping it, so the referral
/// still arrives (or can still be replayed) and both sides keep the same lifecycle.
/// </summary>
public static class UndeliveredCopies
{
    /// <summary>
    /// Takes the profile out of every unsent <see cref="ReferralRequested"/> of <paramref name="consentId"/>
    /// in the origin's outbox; returns how many. The caller saves, in the withdrawal's transaction.
    /// </summary>
    public static async Task<int> ScrubOutboxAsync(this ReferralNetDbContext db, OutboxRewrites rewrites, string organisationId, string consentId, CancellationToken ct)
    {
        var type = typeof(ReferralRequested).FullName!;
        var scrubbed = 0;
        foreach (var row in await db.Outbox.Where(m => m.SentAt == null && m.MessageType == type).ToListAsync(ct))
        {
            var message = JsonSerializer.Deserialize<ReferralRequested>(row.Body, ReferralNetDbContext.MessageJson);
            if (message is null || message.ConsentId != consentId || message.FromOrganisationId != organisationId)
                continue;
            if (message.Profile is null && message.SealedProfile is null)
                continue;
            // Before the new body is saved: a relay holding the old one must not send it after this commit.
            rewrites.Rewriting();
            row.Body = JsonSerializer.Serialize(ProfileSeal.WithoutProfile(message), ReferralNetDbContext.MessageJson);
            scrubbed++;
        }
        if (scrubbed > 0)
            db.WipeOverwrittenPagesAfterCommit();
        return scrubbed;
    }

    /// <summary>
    /// A failed message's MassTransit envelope with the profile taken out, when it is a
    /// <see cref="ReferralRequested"/> from <paramref name="fromOrganisationId"/> under
    /// <paramref name="consentId"/> that carries one; otherwise null (leave it as it is).
    /// </summary>
    public static byte[]? WithoutProfile(ReadOnlyMemory<byte> envelope, string consentId, string fromOrganisationId) =>
        FailedReferral.In(envelope) is { } referral && referral.ConsentId == consentId && referral.FromOrganisationId == fromOrganisationId
            ? referral.WithoutProfile()
            : null;
}
