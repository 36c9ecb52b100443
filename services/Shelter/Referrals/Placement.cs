namespace ReferralNet.Shelter.Referrals;

/// <summary>
/// Which shelter's bed an accepted referral occupies, so that closing the referral frees that bed
/// and no other. Ids and times only: who was placed stays with the referral, under its consent.
/// </summary>
public sealed class Placement
{
    /// <summary>The shelter organisation that accepted the referral (its side of the referral).</summary>
    public string OrganisationId { get; set; } = "";
    public string ReferralId { get; set; } = "";
    public string ShelterId { get; set; } = "";
    public string BedType { get; set; } = "";
    /// <summary>The hold the bed came from, if the sender held one.</summary>
    public Guid? HoldId { get; set; }
    public DateTimeOffset PlacedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>The status that ended the placement: completed, failed or cancelled.</summary>
    public string? EndStatus { get; set; }
}
