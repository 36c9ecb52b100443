namespace ReferralNet.Referrals;

/// <summary>
/// One side's record of a referral. Sender and recipient each keep their own (keyed by
/// organisation and referral id), even when both are hosted by the same service.
/// </summary>
public sealed class Referral
{
    public string OrganisationId { get; set; } = "";
    public string Id { get; set; } = "";
    public ReferralSide Side { get; set; }
    public string FromOrganisationId { get; set; } = "";
    public string ToOrganisationId { get; set; } = "";
    public string Service { get; set; } = "";
    public string Priority { get; set; } = "";
    public string Status { get; set; } = ReferralStatuses.Requested;
    public string? StatusReason { get; set; }
    public string? DeclinedBy { get; set; }
    public List<string> NeedLanguages { get; set; } = [];
    public int NeedDependants { get; set; }
    public bool NeedAccessibility { get; set; }
    public bool ContactingSubjectProhibited { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset? ReceivedAt { get; set; }
    /// <summary>When it was accepted or rejected: an answer stops the overdue clock.</summary>
    public DateTimeOffset? AnsweredAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? BedHoldId { get; set; }
    public string? ConsentId { get; set; }
    /// <summary>When the consent behind the shared data expires; the recipient purges then by itself.</summary>
    public DateTimeOffset? ConsentExpiresAt { get; set; }
    public List<string> SharedCategories { get; set; } = [];

    /// <summary>
    /// The W3C traceparent of the trace the referral began in (the sender's POST, continued by the
    /// recipient's consumer). Later status changes start their own traces and link to it.
    /// </summary>
    public string? OriginTraceParent { get; set; }

    /// <summary>Sender side only: whose referral it is. The recipient never learns this id.</summary>
    public string? SurvivorId { get; set; }

    // Personal data. The sender keeps only its free-text note here (the profile stays with the
    // survivor); the recipient keeps what consent let through, until it is purged.
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public string? Gender { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? HealthNotes { get; set; }
    public string? LegalStatusNotes { get; set; }
    public string? CaseNotes { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset? PurgedAt { get; set; }

    /// <summary>Grows with every change; two changes racing on one referral cannot both win.</summary>
    public long Version { get; set; }

    /// <summary>The marker that replaces purged personal data.</summary>
    public const string Redacted = "[redacted]";

    /// <summary>
    /// Replaces every personal field held with <see cref="Redacted"/> (the date of birth with
    /// nothing) and records when; the rest of the record stays for the audit and the statistics.
    /// </summary>
    public void Purge(DateTimeOffset now)
    {
        static string? Mark(string? value) => value is null ? null : Redacted;
        GivenName = Mark(GivenName);
        FamilyName = Mark(FamilyName);
        DateOfBirth = null;
        Gender = Mark(Gender);
        Phone = Mark(Phone);
        Email = Mark(Email);
        HealthNotes = Mark(HealthNotes);
        LegalStatusNotes = Mark(LegalStatusNotes);
        CaseNotes = Mark(CaseNotes);
        Note = Mark(Note);
        PurgedAt = now;
    }

    public bool IsOverdueAt(DateTimeOffset now) => Status == ReferralStatuses.Requested && AnsweredAt is null && now > DueAt;
}
