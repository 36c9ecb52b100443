using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using ReferralNet.Messaging.DeadLetters;
using ReferralNet.Referrals.Consent;

namespace ReferralNet.Referrals.Revocation;

/// <summary>
/// Keeps a survivor's profile out of this service's failed-message queues once its consent is
/// withdrawn or expired, however the timing falls:
/// <list type="bullet">
/// <item>a referral moved to <c>_error</c> or <c>_skipped</c> after its consent was withdrawn here (it
/// was still being retried when the withdrawal's scrub ran) or after its consent expired is moved without its profile;</item>
/// <item>a referral that lies there with its profile when its consent expires is scrubbed by the
/// expiry job (<see cref="ScrubExpiredAsync"/>), without waiting for the origin to say so.</item>
/// </list>
/// </summary>
public sealed class WithdrawnDeadLetters(string referralQueue, IServiceScopeFactory scopes, TimeProvider clock) : IDeadLetterRewrite
{
    // Withdrawals whose scrub has run but whose transaction may not have committed yet: the move
    // cannot see them in the database in that window. Kept a while after, then the database says so.
    static readonly TimeSpan Remembered = TimeSpan.FromMinutes(10);
    // A message someone else holds while a scan runs (an operator listing the queue takes each one and
    // hands it back) is not seen by that scan, nor its expiry: the queues are read again this soon
    // after every scan, whatever it noted. Reading two empty queues costs two round trips.
    static readonly TimeSpan Recheck = TimeSpan.FromSeconds(15);
    readonly ConcurrentDictionary<(string OrganisationId, string ConsentId), DateTimeOffset> _withdrawing = new();
    long _earliestExpiry = DateTimeOffset.MinValue.UtcTicks; // first scan at start: what lay there before

    /// <summary>This service's failed-message queues for referrals.</summary>
    public IReadOnlyList<string> Queues => [referralQueue + "_error", referralQueue + "_skipped"];

    /// <summary>
    /// Records that <paramref name="organisationId"/>'s copies under <paramref name="consentId"/> are
    /// being purged; called before the withdrawal scrubs the queues.
    /// </summary>
    public void Withdrawing(string organisationId, string consentId)
    {
        var now = clock.GetUtcNow();
        _withdrawing[(organisationId, consentId)] = now;
        foreach (var (key, at) in _withdrawing)
            if (now - at > Remembered)
                _withdrawing.TryRemove(key, out _);
    }

    /// <inheritdoc />
    public async ValueTask<byte[]?> RewriteAsync(ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        if (FailedReferral.In(body) is not { } referral)
            return null;
        if (Expired(referral) || await WithdrawnAsync(referral, ct))
            return referral.WithoutProfile();
        NoteExpiry(referral);
        return null;
    }

    /// <summary>Whether a referral with its profile in the queues has had its consent expire since the last scan.</summary>
    public bool ScanDue => clock.GetUtcNow().UtcTicks >= Interlocked.Read(ref _earliestExpiry);

    /// <summary>
    /// Takes the profile out of every referral in the queues whose consent has expired; returns how
    /// many, and remembers the next expiry among those left.
    /// </summary>
    public async Task<int> ScrubExpiredAsync(DeadLetterScrub scrub, CancellationToken ct)
    {
        Interlocked.Exchange(ref _earliestExpiry, DateTimeOffset.MaxValue.UtcTicks);
        try
        {
            var scrubbed = await scrub.ScrubAsync(Queues, body =>
            {
                if (FailedReferral.In(body) is not { } referral)
                    return null;
                if (Expired(referral))
                    return referral.WithoutProfile();
                NoteExpiry(referral);
                return null;
            }, ct);
            Note(clock.GetUtcNow() + Recheck);
            return scrubbed;
        }
        catch
        {
            Interlocked.Exchange(ref _earliestExpiry, DateTimeOffset.MinValue.UtcTicks); // scan again next time
            throw;
        }
    }

    bool Expired(FailedReferral referral) => referral.ConsentExpiresAt <= clock.GetUtcNow();

    async Task<bool> WithdrawnAsync(FailedReferral referral, CancellationToken ct)
    {
        if (referral.ConsentId is not { } consentId || referral.ToOrganisationId is not { } organisationId)
            return false;
        if (_withdrawing.ContainsKey((organisationId, consentId)))
            return true;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralNetDbContext>();
        return await db.Set<WithdrawnConsent>().AnyAsync(w => w.OrganisationId == organisationId && w.ConsentId == consentId, ct);
    }

    void NoteExpiry(FailedReferral referral)
    {
        if (referral.ConsentExpiresAt is { } expiresAt)
            Note(expiresAt);
    }

    // The next scan is due at the earliest moment noted.
    void Note(DateTimeOffset due)
    {
        var ticks = due.UtcTicks;
        long seen;
        do
            seen = Interlocked.Read(ref _earliestExpiry);
        while (ticks < seen && Interlocked.CompareExchange(ref _earliestExpiry, ticks, seen) != seen);
    }
}
