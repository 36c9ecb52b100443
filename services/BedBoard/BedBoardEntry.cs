namespace ReferralNet.BedBoard;

/// <summary>
/// One shelter's count of one bed type as this service last heard it: the read model behind
/// <c>GET /api/beds</c> in the services that do not run shelters.
/// </summary>
public sealed class BedBoardEntry
{
    /// <summary>The shelter.</summary>
    public string ShelterId { get; set; } = "";
    /// <summary>The bed type code.</summary>
    public string BedType { get; set; } = "";
    /// <summary>The shelter's public name.</summary>
    public string ShelterName { get; set; } = "";
    /// <summary>The organisation that runs it.</summary>
    public string OrganisationId { get; set; } = "";
    /// <summary>Its area (never its address).</summary>
    public string Area { get; set; } = "";
    /// <summary>Beds of this type.</summary>
    public int Total { get; set; }
    /// <summary>Occupied beds.</summary>
    public int Occupied { get; set; }
    /// <summary>Beds held for referrals.</summary>
    public int Held { get; set; }
    /// <summary>Beds free now.</summary>
    public int Free { get; set; }
    /// <summary>The shelter's version of this count; only newer versions are applied.</summary>
    public long Version { get; set; }
    /// <summary>When the shelter changed it.</summary>
    public DateTimeOffset ChangedAt { get; set; }
    /// <summary>When this service applied it (for propagation latency).</summary>
    public DateTimeOffset ReceivedAt { get; set; }
}
