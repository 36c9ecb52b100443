namespace ReferralNet.Capacity;

/// <summary>
/// One unit of an <see cref="Offering"/> taken by an accepted referral (a legal intake, a booked
/// appointment, an enrolment). Keyed by the referral, so a referral takes at most one unit and
/// gives it back once.
/// </summary>
public sealed class CapacityTaking
{
    public string OrganisationId { get; set; } = "";
    public string ReferralId { get; set; } = "";
    public string Service { get; set; } = "";
    public DateTimeOffset TakenAt { get; set; }

    /// <summary>When the unit was given back; null while the referral holds it.</summary>
    public DateTimeOffset? ReturnedAt { get; set; }

    /// <summary>The status the referral ended in (completed, failed, cancelled).</summary>
    public string? ClosedAs { get; set; }
}
