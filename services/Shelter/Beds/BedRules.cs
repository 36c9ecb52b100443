using ReferralNet.Contracts;

namespace ReferralNet.Shelter.Beds;

/// <summary>What a bed count must satisfy. Each method returns what is wrong, or null.</summary>
public static class BedRules
{
    public static string? CheckBedType(string bedType) =>
        BedTypes.IsKnown(bedType)
            ? null
            : $"'{bedType}' is not a bed type; use one of: {string.Join(", ", BedTypes.All)}";

    public static string? CheckCount(int total, int occupied)
    {
        if (total < 0)
            return $"total must not be negative (got {total})";
        if (occupied < 0)
            return $"occupied must not be negative (got {occupied})";
        if (occupied > total)
            return $"occupied ({occupied}) must not be more than total ({total})";
        return null;
    }

    /// <summary>A new count may not strand beds already held for referrals.</summary>
    public static string? CheckAgainstHolds(int total, int occupied, int held) =>
        occupied + held > total
            ? $"{held} bed(s) are held for referrals, so occupied ({occupied}) plus held may not exceed total ({total}); release holds first or raise total"
            : null;

    public static TimeSpan HoldDuration(int requestedMinutes, BedOptions options)
    {
        var minutes = requestedMinutes <= 0 ? options.DefaultHoldMinutes : Math.Min(requestedMinutes, options.MaxHoldMinutes);
        return TimeSpan.FromMinutes(minutes);
    }

    /// <summary>
    /// How many beds of one type at one shelter one partner organisation may hold while
    /// <paramref name="free"/> of them are free: a quarter of the free beds, at least one, but never
    /// the last free bed (that one is the shelter's to give: its staff may hold it, and accepting a
    /// referral places into it). So no one organisation can empty a shelter's beds of a type, nor
    /// the network's.
    /// </summary>
    public static int HoldShare(int free) => free < 2 ? 0 : Math.Max(1, free / 4);

    /// <summary>Why a partner organisation may not hold one more bed, or null if it may.</summary>
    public static string? CheckHoldShare(string organisationId, string shelterId, string bedType, int heldByOrganisation, int free)
    {
        if (free == 1)
            return $"organisation '{organisationId}' may not hold the last free '{bedType}' bed at shelter '{shelterId}': the last free bed is never held for a partner, it goes to the referral the shelter accepts first; "
                + "leave your referral as it is (the staff of the shelter may hold the bed for it), or find another shelter with FindBeds";
        var share = HoldShare(free);
        return heldByOrganisation >= share
            ? $"organisation '{organisationId}' already holds {heldByOrganisation} '{bedType}' bed(s) at shelter '{shelterId}', the most it may hold while {free} are free; release one or wait for a hold to expire"
            : null;
    }
}
