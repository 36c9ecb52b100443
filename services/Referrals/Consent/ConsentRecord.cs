namespace ReferralNet.Referrals.Consent;

/// <summary>
/// A survivor's consent, recorded by the referring organisation, to share some categories of their
/// data with one recipient organisation for a purpose until it expires or is revoked.
/// </summary>
public sealed class ConsentRecord
{
    public string Id { get; set; } = "";
    public string SurvivorId { get; set; } = "";
    /// <summary>The referring organisation that recorded it and holds the survivor's profile.</summary>
    public string OrganisationId { get; set; } = "";
    public string RecipientOrganisationId { get; set; } = "";
    public List<string> Categories { get; set; } = [];
    public string Purpose { get; set; } = "";
    public ConsentMethod Method { get; set; }
    /// <summary>Who witnessed a verbal consent (staff name or id).</summary>
    public string? Witness { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset GivenAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevocationReason { get; set; }
    /// <summary>When recipients were told to purge (revocation or expiry); null until then.</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }

    public ConsentStatus StatusAt(DateTimeOffset now) =>
        RevokedAt is not null ? ConsentStatus.Revoked : ExpiresAt <= now ? ConsentStatus.Expired : ConsentStatus.Active;

    public bool IsActiveAt(DateTimeOffset now) => StatusAt(now) == ConsentStatus.Active;
}
