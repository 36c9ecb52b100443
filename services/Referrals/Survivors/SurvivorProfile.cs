namespace ReferralNet.Referrals.Survivors;

/// <summary>
/// A survivor's personal data, by consent category: the one list of it. The survivor's own record
/// holds all of it; a referral holds what consent let through (and the sender's free-text note),
/// until it is purged. Never logged, never traced.
/// </summary>
public sealed class SurvivorProfile
{
    /// <summary>The marker that replaces purged personal data.</summary>
    public const string Redacted = "[redacted]";

    // identity
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public string? Gender { get; set; }
    // contact
    public string? Phone { get; set; }
    public string? Email { get; set; }
    // health
    public string? HealthNotes { get; set; }
    // legal-status
    public string? LegalStatusNotes { get; set; }
    // case-notes
    public string? CaseNotes { get; set; }
    /// <summary>The free-text note of a referral, which counts as case notes; a survivor's own record has none.</summary>
    public string? Note { get; set; }

    /// <summary>
    /// Replaces every field held with <see cref="Redacted"/> (the date of birth with nothing): the
    /// only way personal data is purged, so no purge can miss a field.
    /// </summary>
    public void Redact()
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
    }

    /// <summary>
    /// A copy with only the fields of these categories, all others null: what a sender may put on
    /// the wire, and what a recipient may keep of what arrived. Null when no category is shared.
    /// </summary>
    public SurvivorProfile? For(IReadOnlyCollection<string> categories)
    {
        if (categories.Count == 0)
            return null;
        bool has(string category) => categories.Contains(category);
        var identity = has(ConsentCategories.Identity);
        var contact = has(ConsentCategories.Contact);
        var caseNotes = has(ConsentCategories.CaseNotes);
        return new SurvivorProfile
        {
            GivenName = identity ? GivenName : null,
            FamilyName = identity ? FamilyName : null,
            DateOfBirth = identity ? DateOfBirth : null,
            Gender = identity ? Gender : null,
            Phone = contact ? Phone : null,
            Email = contact ? Email : null,
            HealthNotes = has(ConsentCategories.Health) ? HealthNotes : null,
            LegalStatusNotes = has(ConsentCategories.LegalStatus) ? LegalStatusNotes : null,
            CaseNotes = caseNotes ? CaseNotes : null,
            Note = caseNotes ? Note : null,
        };
    }

    /// <summary>A copy that carries <paramref name="note"/> as its note.</summary>
    public SurvivorProfile WithNote(string? note)
    {
        var copy = (SurvivorProfile)MemberwiseClone();
        copy.Note = note;
        return copy;
    }

    /// <summary>The profile as a referral carries it on the wire and the API shows it.</summary>
    public SharedProfile ToShared() =>
        new(GivenName, FamilyName, DateOfBirth, Gender, Phone, Email, HealthNotes, LegalStatusNotes, CaseNotes, Note);

    /// <summary>The profile a referral carried on the wire; empty when it carried none.</summary>
    public static SurvivorProfile From(SharedProfile? shared) => shared is null ? new() : new()
    {
        GivenName = shared.GivenName,
        FamilyName = shared.FamilyName,
        DateOfBirth = shared.DateOfBirth,
        Gender = shared.Gender,
        Phone = shared.Phone,
        Email = shared.Email,
        HealthNotes = shared.HealthNotes,
        LegalStatusNotes = shared.LegalStatusNotes,
        CaseNotes = shared.CaseNotes,
        Note = shared.Note,
    };
}
