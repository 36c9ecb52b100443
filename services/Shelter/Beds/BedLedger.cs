using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReferralNet.Contracts.Beds;
using ReferralNet.Messaging.Data;
using ReferralNet.Referrals;
using ReferralNet.ServiceDefaults.Outcomes;
using ReferralNet.Shelter.Data;
using ReferralNet.Shelter.Shelters;

namespace ReferralNet.Shelter.Beds;

/// <summary>
/// Every change to a shelter's beds: counts set by staff, holds for referrals, their release and
/// expiry, and beds occupied and freed by accepted referrals. Each change bumps the bed type's version and announces the new count through the
/// outbox in the same transaction.
/// </summary>
public sealed class BedLedger(ShelterDbContext db, IOptions<BedOptions> options, TimeProvider clock)
{
    const int MaxConflictRetries = 100;

    public async Task<IReadOnlyList<BedCounts>> CountsAsync(string shelterId, CancellationToken ct) =>
        (await CountsAsync([shelterId], ct)).GetValueOrDefault(shelterId) ?? [];

    /// <summary>Every listed shelter's counts by bed type, in two queries however many shelters.</summary>
    public async Task<Dictionary<string, IReadOnlyList<BedCounts>>> CountsAsync(IReadOnlyCollection<string> shelterIds, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var beds = await db.Beds.AsNoTracking().Where(b => shelterIds.Contains(b.ShelterId)).ToListAsync(ct);
        var held = await db.Holds.AsNoTracking()
            .Where(h => shelterIds.Contains(h.ShelterId) && h.EndedAt == null && h.ExpiresAt > now)
            .GroupBy(h => new { h.ShelterId, h.BedType })
            .Select(g => new { g.Key.ShelterId, g.Key.BedType, Count = g.Count() })
            .ToDictionaryAsync(g => (g.ShelterId, g.BedType), g => g.Count, ct);
        return beds
            .GroupBy(b => b.ShelterId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<BedCounts>)g
                .OrderBy(b => b.BedType)
                .Select(b => new BedCounts(b.BedType, b.Total, b.Occupied, held.GetValueOrDefault((b.ShelterId, b.BedType))))
                .ToList());
    }

    public Task<Result<BedCounts>> SetCountAsync(string organisationId, string shelterId, string bedType, int total, int occupied, CancellationToken ct) =>
        ConflictRetry.RunAsync(db, MaxConflictRetries, async () =>
        {
            var shelter = await db.Shelters.FindAsync([shelterId], ct);
            if (shelter is null)
                return Result<BedCounts>.NotFound($"there is no shelter '{shelterId}'");
            if (shelter.OrganisationId != organisationId)
                return Result<BedCounts>.Forbidden($"shelter '{shelterId}' is run by another organisation; only its own staff may change its beds");
            if ((BedRules.CheckBedType(bedType) ?? BedRules.CheckCount(total, occupied)) is { } invalid)
                return Result<BedCounts>.Invalid(invalid);

            // Read the version before counting holds: a hold committed in between then makes this save conflict and retry.
            var beds = await db.Beds.FindAsync([shelterId, bedType], ct);
            var held = await ActiveHoldsAsync(shelterId, bedType, ct);
            if (BedRules.CheckAgainstHolds(total, occupied, held) is { } conflict)
                return Result<BedCounts>.Conflict(conflict);

            if (beds is null)
            {
                beds = new BedInventory { ShelterId = shelterId, BedType = bedType };
                db.Beds.Add(beds);
            }
            beds.Total = total;
            beds.Occupied = occupied;
            var counts = Announce(shelter, beds, held);
            await db.SaveChangesAsync(ct);
            return Result<BedCounts>.Ok(counts);
        }, ct);

    /// <summary>
    /// Holds one free bed. A partner holds only for a bed referral it has sent to the organisation
    /// that runs the shelter (received here, still waiting for an answer, for that bed type), one
    /// hold per referral, and only its share of the free beds (<see cref="BedRules.HoldShare"/>);
    /// the shelter's own staff hold for a referral they received or for none. The share is counted
    /// and the hold inserted in one transaction that bumps the bed type's version (and the
    /// referral's): of two racing holds on the same beds or the same referral one commits, the
    /// other conflicts and counts again, on SQLite and PostgreSQL alike.
    /// </summary>
    public Task<Result<BedHold>> HoldAsync(string organisationId, string shelterId, string bedType, string referralId, int requestedMinutes, CancellationToken ct) =>
        ConflictRetry.RunAsync(db, MaxConflictRetries, async () =>
        {
            if (BedRules.CheckBedType(bedType) is { } invalid)
                return Result<BedHold>.Invalid(invalid);
            var shelter = await db.Shelters.FindAsync([shelterId], ct);
            if (shelter is null)
                return Result<BedHold>.NotFound($"there is no shelter '{shelterId}'");
            var ownStaff = shelter.OrganisationId == organisationId;
            if (referralId.Length == 0 && !ownStaff)
                return Result<BedHold>.Invalid(
                    $"referral_id is required: a partner holds a bed only for a bed referral it has sent to '{shelter.OrganisationId}'; send the referral first (POST /api/referrals), then hold with its id");
            if (referralId.Length > 0 && RecordIds.Check(RecordIds.Referral, referralId, "referral_id", "referral") is { } malformed)
                return Result<BedHold>.Invalid(malformed);

            Referral? referral = null;
            if (referralId.Length > 0)
            {
                referral = await db.Set<Referral>().FirstOrDefaultAsync(
                    r => r.OrganisationId == shelter.OrganisationId && r.Id == referralId && r.Side == ReferralSide.Recipient, ct);
                // Another organisation's referral looks exactly like none: its existence is not the caller's to learn.
                if (referral is null || (!ownStaff && referral.FromOrganisationId != organisationId))
                    return Result<BedHold>.Conflict(
                        $"organisation '{organisationId}' has no referral '{referralId}' at '{shelter.OrganisationId}' (never sent, sent elsewhere, or not arrived yet); "
                        + $"send a 'bed:{bedType}' referral to '{shelter.OrganisationId}' and hold once its receipt shows (receivedAt)");
                if (referral.Service != $"bed:{bedType}")
                    return Result<BedHold>.Invalid($"referral '{referralId}' asks for '{referral.Service}', not a '{bedType}' bed; hold a bed of the type it asks for");
                if (referral.Status != ReferralStatus.Requested)
                    return Result<BedHold>.Conflict($"referral '{referralId}' is {referral.Status.Code()}: a bed is held only for a referral still waiting for an answer");
                if (Guid.TryParse(referral.BedHoldId, out var earlier)
                    && await db.Holds.AnyAsync(h => h.Id == earlier && h.EndedAt == null && h.ExpiresAt > clock.GetUtcNow(), ct))
                    return Result<BedHold>.Conflict($"referral '{referralId}' already has bed hold '{earlier}'; a referral holds one bed: release that hold to hold another");
            }

            var now = clock.GetUtcNow();
            var beds = await db.Beds.FindAsync([shelterId, bedType], ct);
            var held = await ActiveHoldsAsync(shelterId, bedType, ct);
            var free = beds is null ? 0 : new BedCounts(bedType, beds.Total, beds.Occupied, held).Free;
            if (free == 0)
                return Result<BedHold>.Conflict($"shelter '{shelterId}' has no free '{bedType}' bed; find another with FindBeds");
            if (!ownStaff)
            {
                var heldByCaller = await db.Holds.CountAsync(
                    h => h.ShelterId == shelterId && h.BedType == bedType && h.HeldByOrganisationId == organisationId && h.EndedAt == null && h.ExpiresAt > now, ct);
                if (BedRules.CheckHoldShare(organisationId, shelterId, bedType, heldByCaller, free) is { } overShare)
                    return Result<BedHold>.Conflict(overShare);
            }

            var hold = new BedHold
            {
                Id = Guid.NewGuid(),
                ShelterId = shelterId,
                BedType = bedType,
                ReferralId = referralId,
                HeldByOrganisationId = organisationId,
                CreatedAt = now,
                ExpiresAt = now + BedRules.HoldDuration(requestedMinutes, options.Value),
            };
            db.Holds.Add(hold);
            if (referral is not null)
            {
                // The shelter's copy of the referral names its hold: accepting it fills that bed, ending it frees it.
                referral.BedHoldId = hold.Id.ToString();
                referral.Version++;
            }
            Announce(shelter, beds!, held + 1);
            // The version bump makes racing holds on these beds conflict: one commits, the others retry and count again.
            await db.SaveChangesAsync(ct);
            return Result<BedHold>.Ok(hold);
        }, ct);

    /// <summary>Releases a hold; the value says whether this call released it (false if it had already ended).</summary>
    public Task<Result<bool>> ReleaseAsync(string organisationId, Guid holdId, CancellationToken ct) =>
        ConflictRetry.RunAsync(db, MaxConflictRetries, async () =>
        {
            // A query, not FindAsync (which takes no tag): a release tracks nothing before this, so both read the database.
            var hold = await db.Holds.TagWith(HoldQueryTags.HoldToRelease).FirstOrDefaultAsync(h => h.Id == holdId, ct);
            var shelter = hold is null ? null : await db.Shelters.FindAsync([hold.ShelterId], ct);
            // Only the organisation that holds it or the shelter's own staff may release a hold; to anyone else it does not exist.
            if (hold is null || shelter is null || (hold.HeldByOrganisationId != organisationId && shelter.OrganisationId != organisationId))
                return Result<bool>.NotFound($"there is no hold '{holdId}' of yours");
            // Decided inside the retried change: of racing releases, only the one that commits first released it.
            if (!hold.IsActiveAt(clock.GetUtcNow()))
                return Result<bool>.Ok(false);

            await EndHoldAsync(hold, HoldEnd.Released, ct);
            await db.SaveChangesAsync(ct);
            return Result<bool>.Ok(true);
        }, ct);

    /// <summary>Ends holds whose time is up and announces the freed beds; returns how many ended.</summary>
    public async Task<int> ExpireHoldsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expired = await db.Holds.Where(h => h.EndedAt == null && h.ExpiresAt <= now).Select(h => h.Id).ToListAsync(ct);
        foreach (var id in expired)
        {
            await ConflictRetry.RunAsync(db, MaxConflictRetries, async () =>
            {
                var hold = await db.Holds.FindAsync([id], ct);
                if (hold is null || hold.EndedAt is not null)
                    return Result<BedHold>.Ok(hold!);
                await EndHoldAsync(hold, HoldEnd.Expired, ct);
                await db.SaveChangesAsync(ct);
                return Result<BedHold>.Ok(hold);
            }, ct);
        }
        return expired.Count;
    }

    /// <summary>Announces every current count again (for a bed board that asked to catch up).</summary>
    public async Task RepublishAllAsync(CancellationToken ct)
    {
        var shelters = await db.Shelters.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var counts = await CountsAsync(shelters.Keys, ct);
        foreach (var beds in await db.Beds.AsNoTracking().ToListAsync(ct))
            db.AddToOutbox(Describe(shelters[beds.ShelterId], beds, counts[beds.ShelterId].Single(c => c.BedType == beds.BedType)));
    }

    // ---- Changes made inside someone else's unit of work (a referral's status change): tracked, announced, not saved ----

    /// <summary>
    /// One bed type of one shelter as it stands, its row tracked for a change the caller saves; null
    /// if the shelter has no beds of that type. The version is read before holds are counted, so a
    /// hold or count committed in between makes the caller's save conflict.
    /// </summary>
    public async Task<BedStock?> StockAsync(string shelterId, string bedType, CancellationToken ct)
    {
        var shelter = await db.Shelters.FindAsync([shelterId], ct);
        var beds = shelter is null ? null : await db.Beds.FindAsync([shelterId, bedType], ct);
        return beds is null ? null : new BedStock(shelter!, beds, await ActiveHoldsAsync(shelterId, bedType, ct));
    }

    /// <summary>
    /// Turns a free bed, or the bed <paramref name="hold"/> kept (which ends as placed), into an
    /// occupied one and announces it. The caller saves; the version bump makes racing changes conflict.
    /// </summary>
    public BedCounts Occupy(BedStock stock, BedHold? hold)
    {
        if (hold is null && stock.Free == 0)
            throw new InvalidOperationException($"shelter '{stock.Shelter.Id}' has no free '{stock.Beds.BedType}' bed to occupy");
        var held = stock.Held;
        if (hold is not null)
        {
            hold.EndedAt = clock.GetUtcNow();
            hold.EndReason = HoldEnd.Placed;
            held--;
        }
        stock.Beds.Occupied++;
        return Announce(stock.Shelter, stock.Beds, held);
    }

    /// <summary>Frees one occupied bed and announces it; the caller saves.</summary>
    public async Task VacateAsync(string shelterId, string bedType, CancellationToken ct)
    {
        if (await StockAsync(shelterId, bedType, ct) is not { } stock)
            return;
        // Staff may have lowered the count by hand since; never below zero.
        stock.Beds.Occupied = Math.Max(0, stock.Beds.Occupied - 1);
        Announce(stock.Shelter, stock.Beds, stock.Held);
    }

    /// <summary>Ends an active hold and announces its freed bed; the caller saves.</summary>
    public async Task EndHoldAsync(BedHold hold, HoldEnd reason, CancellationToken ct)
    {
        hold.EndedAt = reason == HoldEnd.Expired ? hold.ExpiresAt : clock.GetUtcNow();
        hold.EndReason = reason;
        var shelter = await db.Shelters.FindAsync([hold.ShelterId], ct);
        var beds = await db.Beds.FindAsync([hold.ShelterId, hold.BedType], ct);
        if (shelter is null || beds is null)
            return;
        // The database still holds the ended hold as it was until this transaction commits.
        Announce(shelter, beds, await ActiveHoldsAsync(hold.ShelterId, hold.BedType, ct, except: hold.Id));
    }

    Task<int> ActiveHoldsAsync(string shelterId, string bedType, CancellationToken ct, Guid? except = null)
    {
        var now = clock.GetUtcNow();
        return db.Holds.TagWith(HoldQueryTags.ActiveHolds).CountAsync(h => h.ShelterId == shelterId && h.BedType == bedType && h.EndedAt == null && h.ExpiresAt > now && h.Id != except, ct);
    }

    BedCounts Announce(ShelterSite shelter, BedInventory beds, int held)
    {
        beds.Version++;
        var counts = new BedCounts(beds.BedType, beds.Total, beds.Occupied, held);
        db.AddToOutbox(Describe(shelter, beds, counts));
        return counts;
    }

    BedAvailabilityChanged Describe(ShelterSite shelter, BedInventory beds, BedCounts counts) =>
        new(shelter.Id, shelter.Name, shelter.OrganisationId, shelter.Area, beds.BedType,
            counts.Total, counts.Occupied, counts.Held, counts.Free, beds.Version, clock.GetUtcNow());
}
