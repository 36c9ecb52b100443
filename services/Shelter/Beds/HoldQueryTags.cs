namespace ReferralNet.Shelter.Beds;

/// <summary>
/// Names of the hold queries a racing change runs between. EF Core writes a tag as a leading
/// <c>-- tag</c> comment line of the SQL, so tests and a database's query log pick these out by
/// name, not by the SQL EF happens to generate for them.
/// </summary>
public static class HoldQueryTags
{
    /// <summary>Counts a bed type's active holds at one shelter (read after the bed row's version, before the save).</summary>
    public const string ActiveHolds = "active-holds";

    /// <summary>Reads the hold a release is about to end.</summary>
    public const string HoldToRelease = "hold-to-release";
}
