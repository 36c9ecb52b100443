using Microsoft.Extensions.Logging;
using ReferralNet.Messaging.DeadLetters;
using ReferralNet.Referrals.Consent;
using ReferralNet.Referrals.Receiving;

namespace ReferralNet.Referrals.Revocation;

/// <summary>
/// Purges the personal data held under a withdrawn consent, in the database and in the copies of
/// its referrals that failed here (the <c>_error</c> and <c>_skipped</c> queues), and confirms.
/// The dead-letter scrub is absent only where there is no broker (the engine's in-process tests).
/// </summary>
public sealed partial class ConsentWithdrawnConsumer(
    ReferralNetDbContext db,
    OrganisationDirectory directory,
    TimeProvider clock,
    ILogger<ConsentWithdrawnConsumer> logger,
    DeadLetterScrub? deadLetters = null,
    WithdrawnDeadLetters? failedCopies = null) : RecipientConsumer<ConsentWithdrawn>(db, directory, clock)
{
    /// <summary>
    /// Remembers the withdrawal (for referrals under it still on their way), purges the copies
    /// held under it and tells the origin which; the caller saves.
    /// </summary>
    public override async Task ApplyAsync(ConsentWithdrawn message, CancellationToken ct)
    {
        RecordIds.Require(RecordIds.Consent, message.ConsentId, "consentId", nameof(ConsentWithdrawn));
        foreach (var referralId in message.ReferralIds)
            RecordIds.Require(RecordIds.Referral, referralId, "referralIds", nameof(ConsentWithdrawn));
        var now = Clock.GetUtcNow();
        var withdrawn = Db.Set<WithdrawnConsent>();
        if (!await withdrawn.AnyAsync(w => w.OrganisationId == message.RecipientOrganisationId && w.ConsentId == message.ConsentId, ct))
            withdrawn.Add(new WithdrawnConsent { OrganisationId = message.RecipientOrganisationId, ConsentId = message.ConsentId, WithdrawnAt = now });
        if (message.Cause is not ("revoked" or "expired"))
            throw new InvalidOperationException($"consent withdrawal with unknown cause; expected 'revoked' or 'expired'");
        // Only the organisation that sent data under a consent can withdraw it.
        var held = await Db.Set<Referral>()
            .Where(r => r.OrganisationId == message.RecipientOrganisationId && r.Side == ReferralSide.Recipient
                && r.ConsentId == message.ConsentId && r.FromOrganisationId == message.FromOrganisationId)
            .ToListAsync(ct);
        foreach (var referral in held.Where(r => r.PurgedAt is null))
            Db.PurgeCopy(referral, now, message.Cause);
        // Before the commit: should the broker fail, the message is retried and the purge with it.
        if (deadLetters is not null && failedCopies is not null)
        {
            // First, so that a copy of these referrals moved there from now on (one still being
            // retried) goes without its profile even before this withdrawal commits.
            failedCopies.Withdrawing(message.RecipientOrganisationId, message.ConsentId);
            var scrubbed = await deadLetters.ScrubAsync(failedCopies.Queues,
                body => UndeliveredCopies.WithoutProfile(body, message.ConsentId, message.FromOrganisationId), ct);
            if (scrubbed > 0)
                LogScrubbed(message.ConsentId, scrubbed);
        }
        AnswerSender(new PersonalDataPurged(message.ConsentId, message.RecipientOrganisationId, held.Select(r => r.Id).ToList(), now), message.FromOrganisationId);
        LogPurged(message.ConsentId, held.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged personal data under consent {ConsentId} from {Count} referral(s)")]
    partial void LogPurged(string consentId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Took the profile out of {Count} failed referral message(s) under consent {ConsentId}")]
    partial void LogScrubbed(string consentId, int count);
}
