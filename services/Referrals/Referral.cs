using ReferralNet.Referrals.Survivors;

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
    public ReferralStatus Status { get; set; } = ReferralStatus.Requested;
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

    /// <summary>
    /// Personal data. The sender keeps only its free-text note here (the profile stays with the
    /// survivor); the recipient keeps what consent let through, until it is purged.
    /// </summary>
    public SurvivorProfile Profile { get; set; } = new();
    public DateTimeOffset? PurgedAt { get; set; }

    /// <summary>Grows with every change; two changes racing on one referral cannot both win.</summary>
    public long Version { get; set; }

    /// <summary>
    /// Redacts the personal data held and records when; the rest of the record stays for the audit
    /// and the statistics.
    /// </summary>
    public void Purge(DateTimeOffset now)
    {
        Profile.Redact();
        PurgedAt = now;
    }

    public bool IsOverdueAt(DateTimeOffset now) => Status == ReferralStatus.Requested && AnsweredAt is null && now > DueAt;
}
