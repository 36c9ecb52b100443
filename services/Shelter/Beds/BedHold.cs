namespace ReferralNet.Shelter.Beds;

/// <summary>A bed kept free for a referral until it expires or is released.</summary>
public sealed class BedHold
{
    public Guid Id { get; set; }
    public string ShelterId { get; set; } = "";
    public string BedType { get; set; } = "";
    public string ReferralId { get; set; } = "";
    public string HeldByOrganisationId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public HoldEnd? EndReason { get; set; }

    public bool IsActiveAt(DateTimeOffset now) => EndedAt is null && ExpiresAt > now;
}
