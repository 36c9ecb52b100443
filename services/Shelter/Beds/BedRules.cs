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
}
