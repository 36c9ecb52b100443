using Microsoft.EntityFrameworkCore;
using ReferralNet.Referrals;
using ReferralNet.Shelter.Beds;
using ReferralNet.Shelter.Data;
using ReferralNet.Shelter.Shelters;

namespace ReferralNet.Shelter.Referrals;

/// <summary>
/// What a shelter organisation does with a bed referral: accepting it fills a bed (the one the
/// sender held, or a free one at one of its shelters), ending it frees that bed, and a referral
/// never taken gives its hold back. It never saves: its changes go into the status change's save,
/// the bed row's version makes a racing change conflict, and the change starts again.
/// </summary>
public sealed partial class ShelterIntake(ShelterDbContext db, BedLedger ledger, TimeProvider clock, ILogger<ShelterIntake> logger) : IReferralRecipient
{
    const string BedService = "bed:";

    public async Task<string?> AcceptingAsync(Referral referral, CancellationToken ct)
    {
        if (BedTypeOf(referral) is not { } bedType)
            return null;
        if (BedRules.CheckBedType(bedType) is { } invalid)
            return $"referral '{referral.Id}' asks for '{referral.Service}': {invalid}";

        var shelters = await db.Shelters.Where(s => s.OrganisationId == referral.OrganisationId).ToListAsync(ct);
        if (await UsableHoldAsync(referral, bedType, shelters, ct) is { } hold
            && await ledger.StockAsync(hold.ShelterId, bedType, ct) is { } held)
        {
            ledger.Occupy(held, hold);
            Place(referral, held, hold);
            return null;
        }

        var free = new List<BedStock>();
        foreach (var shelter in shelters)
            if (await ledger.StockAsync(shelter.Id, bedType, ct) is { Free: > 0 } stock)
                free.Add(stock);
        // The shelter that best fits the survivor's needs; among equals the one with most room.
        var best = free
            .OrderByDescending(s => Fit(s.Shelter, referral))
            .ThenByDescending(s => s.Free)
            .ThenBy(s => s.Shelter.Id, StringComparer.Ordinal)
            .FirstOrDefault();
        if (best is null)
            return $"no free '{bedType}' bed at {referral.OrganisationId}'s shelters; release a hold or free a bed first";
        ledger.Occupy(best, hold: null);
        Place(referral, best, hold: null);
        return null;
    }

    public async Task ClosedAsync(Referral referral, ReferralStatus previousStatus, CancellationToken ct)
    {
        var placement = await db.Placements.FirstOrDefaultAsync(
            p => p.OrganisationId == referral.OrganisationId && p.ReferralId == referral.Id && p.EndedAt == null, ct);
        // None for a referral that is not about a bed.
        if (placement is null)
            return;
        placement.EndedAt = clock.GetUtcNow();
        placement.EndStatus = referral.Status.Code();
        await ledger.VacateAsync(placement.ShelterId, placement.BedType, ct);
        LogVacated(referral.Id, placement.ShelterId, referral.Status.Code());
    }

    public async Task NotTakenAsync(Referral referral, CancellationToken ct)
    {
        if (BedTypeOf(referral) is not { } bedType)
            return;
        var shelters = await db.Shelters.Where(s => s.OrganisationId == referral.OrganisationId).ToListAsync(ct);
        if (await UsableHoldAsync(referral, bedType, shelters, ct) is not { } hold)
            return;
        await ledger.EndHoldAsync(hold, HoldEnd.Released, ct);
        LogHoldReleased(referral.Id, hold.Id, referral.Status.Code());
    }

    /// <summary>
    /// The referral's hold, if it still keeps a bed of the asked type at one of this organisation's
    /// shelters and was made by the sender or by the shelter's own staff. Another organisation's
    /// hold is never spent on this referral: it keeps a bed for someone else.
    /// </summary>
    async Task<BedHold?> UsableHoldAsync(Referral referral, string bedType, IReadOnlyList<ShelterSite> shelters, CancellationToken ct)
    {
        if (!Guid.TryParse(referral.BedHoldId, out var holdId))
            return null;
        var hold = await db.Holds.FindAsync([holdId], ct);
        return hold is not null
            && hold.IsActiveAt(clock.GetUtcNow())
            && hold.BedType == bedType
            && shelters.Any(s => s.Id == hold.ShelterId)
            && (hold.HeldByOrganisationId == referral.FromOrganisationId || hold.HeldByOrganisationId == referral.OrganisationId)
            ? hold
            : null;
    }

    void Place(Referral referral, BedStock stock, BedHold? hold)
    {
        db.Placements.Add(new Placement
        {
            OrganisationId = referral.OrganisationId,
            ReferralId = referral.Id,
            ShelterId = stock.Shelter.Id,
            BedType = stock.Beds.BedType,
            HoldId = hold?.Id,
            PlacedAt = clock.GetUtcNow(),
        });
        LogPlaced(referral.Id, stock.Shelter.Id, hold is not null);
    }

    static string? BedTypeOf(Referral referral) =>
        referral.Service.StartsWith(BedService, StringComparison.Ordinal) ? referral.Service[BedService.Length..] : null;

    // Accessibility matters most (a bed that cannot be reached is no bed), then room for children, then a shared language.
    static int Fit(ShelterSite shelter, Referral referral) =>
        (referral.NeedAccessibility && shelter.Accessible ? 4 : 0)
        + (referral.NeedDependants > 0 && shelter.ChildrenAccepted ? 2 : 0)
        + (referral.NeedLanguages.Any(shelter.Languages.Contains) ? 1 : 0);

    [LoggerMessage(Level = LogLevel.Information, Message = "Referral {ReferralId} placed in shelter {ShelterId} (from a hold: {FromHold})")]
    partial void LogPlaced(string referralId, string shelterId, bool fromHold);

    [LoggerMessage(Level = LogLevel.Information, Message = "Referral {ReferralId} {Status}: its bed in shelter {ShelterId} is free again")]
    partial void LogVacated(string referralId, string shelterId, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Referral {ReferralId} {Status} before acceptance: hold {HoldId} released")]
    partial void LogHoldReleased(string referralId, Guid holdId, string status);
}
