using Microsoft.Extensions.Logging;
using ReferralNet.Messaging.Outbox;
using ReferralNet.Referrals.Audit;
using ReferralNet.Referrals.Consent;
using ReferralNet.ServiceDefaults.Outcomes;

namespace ReferralNet.Referrals.Revocation;

/// <summary>
/// A consent ends (revoked, or expired): the origin tells every recipient still holding data under
/// it to purge; a recipient also purges its own copies whose consent has expired without being told.
/// </summary>
public sealed partial class ConsentRevocation(
    ReferralNetDbContext db,
    OrganisationDirectory directory,
    TimeProvider clock,
    OutboxRewrites rewrites,
    ILogger<ConsentRevocation> logger)
{
    DbSet<ConsentRecord> Consents => db.Set<ConsentRecord>();

    /// <summary>Revokes for the organisation as a whole, no person named.</summary>
    public Task<Result<ConsentRecord>> RevokeAsync(string organisationId, string consentId, string? reason, CancellationToken ct) =>
        RevokeAsync(organisationId, staffId: null, consentId, reason, ct);

    /// <summary>Revokes; the audit trail names the person by <paramref name="staffId"/> (null when no person signed in).</summary>
    public async Task<Result<ConsentRecord>> RevokeAsync(string organisationId, string? staffId, string consentId, string? reason, CancellationToken ct)
    {
        var consent = await Consents.FirstOrDefaultAsync(c => c.Id == consentId && c.OrganisationId == organisationId, ct);
        if (consent is null)
            return Result<ConsentRecord>.NotFound($"there is no consent '{consentId}' of yours");
        if (reason is null || !ReasonCodes.Revocation.Contains(reason))
            return Result<ConsentRecord>.Invalid($"reason must be one of: {string.Join(", ", ReasonCodes.Revocation)}");
        if (consent.RevokedAt is not null)
            return Result<ConsentRecord>.Conflict($"consent '{consentId}' was already revoked on {consent.RevokedAt:yyyy-MM-dd HH:mm} UTC");

        consent.RevokedAt = clock.GetUtcNow();
        consent.RevocationReason = reason;
        if (consent.WithdrawnAt is null)
            await WithdrawAsync(consent, "revoked", staffId, ct);
        await db.SaveChangesAsync(ct);
        return Result<ConsentRecord>.Ok(consent);
    }

    /// <summary>Treats every consent past its expiry like a revocation; returns how many.</summary>
    public async Task<int> ExpireConsentsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expired = await Consents.Where(c => c.WithdrawnAt == null && c.RevokedAt == null && c.ExpiresAt <= now).ToListAsync(ct);
        foreach (var consent in expired)
            await WithdrawAsync(consent, "expired", staffId: null, ct);
        await db.SaveChangesAsync(ct);
        return expired.Count;
    }

    /// <summary>
    /// The recipient's own safeguard: copies whose consent has expired are redacted here at once,
    /// without waiting for the origin to say so. Returns how many.
    /// </summary>
    public async Task<int> RedactExpiredCopiesAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expired = await db.Set<Referral>()
            .Where(r => r.Side == ReferralSide.Recipient && r.PurgedAt == null && r.ConsentExpiresAt != null && r.ConsentExpiresAt <= now)
            .ToListAsync(ct);
        foreach (var referral in expired)
            db.PurgeCopy(referral, now, "expired");
        await db.SaveChangesAsync(ct);
        return expired.Count;
    }

    /// <summary>Revoked or expired: tells every recipient still holding data under it to purge. Caller saves.</summary>
    async Task WithdrawAsync(ConsentRecord consent, string cause, string? staffId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        consent.WithdrawnAt = now;
        var held = await db.Set<Disclosure>()
            .Where(d => d.OrganisationId == consent.OrganisationId && d.ConsentId == consent.Id && d.PurgeConfirmedAt == null)
            .ToListAsync(ct);
        var referralIds = held.Select(d => d.ReferralId).Distinct().ToList();

        // Our own free-text notes beside those referrals are personal data too (the sender's record holds nothing else).
        foreach (var referral in await db.Set<Referral>().Where(r => r.OrganisationId == consent.OrganisationId && r.ConsentId == consent.Id).ToListAsync(ct))
        {
            referral.Profile.Redact();
            db.WipeOverwrittenPagesAfterCommit();
        }

        // A referral still in the outbox goes without its profile: the recipient records it, then learns the consent is withdrawn.
        await db.ScrubOutboxAsync(rewrites, consent.OrganisationId, consent.Id, ct);

        if (referralIds.Count == 0)
            return;
        foreach (var disclosure in held)
            disclosure.PurgeRequestedAt = now;
        foreach (var referralId in referralIds)
            db.AddAudit(now, consent.OrganisationId, referralId, consent.OrganisationId, AuditAction.PurgeRequested, reason: cause, categories: consent.Categories, actorStaffId: staffId);
        db.AddToOutbox(
            new ConsentWithdrawn(consent.Id, consent.OrganisationId, consent.RecipientOrganisationId, referralIds, cause, now),
            directory.QueueOf(consent.RecipientOrganisationId));
        LogWithdrawn(consent.Id, cause, referralIds.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consent {ConsentId} {Cause}: purge requested for {Count} referral(s)")]
    partial void LogWithdrawn(string consentId, string cause, int count);
}
