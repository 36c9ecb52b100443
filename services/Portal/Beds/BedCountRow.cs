namespace ReferralNet.Portal.Beds;

/// <summary>One bed type of one shelter on the board, as <c>GET /api/shelters/{id}/beds</c> and the bed events give it.</summary>
public sealed class BedCountRow
{
    public string BedType { get; set; } = "";
    public int Total { get; set; }
    public int Occupied { get; set; }
    public int Held { get; set; }
    public int Free { get; set; }
    /// <summary>The version of the last event applied; older events are ignored.</summary>
    public long Version { get; set; }
    /// <summary>When the last change made elsewhere arrived, to point it out.</summary>
    public DateTimeOffset? ChangedElsewhereAt { get; set; }
}
