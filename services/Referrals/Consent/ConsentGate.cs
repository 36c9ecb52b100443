namespace ReferralNet.Referrals.Consent;

/// <summary>
/// Deny by default: personal data of a category goes to a recipient only under an active consent
/// of that survivor for that recipient covering the category.
/// </summary>
public static class ConsentGate
{
    /// <summary>
    /// The consent under which <paramref name="categories"/> may go to <paramref name="recipientId"/>,
    /// or the reason they may not, naming the category and the recipient. Sharing nothing needs no consent.
    /// </summary>
    public static (ConsentRecord? Consent, string? Refusal) Check(
        IReadOnlyList<string> categories, string recipientId, IEnumerable<ConsentRecord> survivorsConsents, DateTimeOffset now)
    {
        if (categories.Count == 0)
            return (null, null);
        if (categories.FirstOrDefault(c => !ConsentCategories.IsKnown(c)) is { } unknown)
            return (null, $"'{unknown}' is not a data category; use: {string.Join(", ", ConsentCategories.All)}");

        var forRecipient = survivorsConsents.Where(c => c.RecipientOrganisationId == recipientId).ToList();
        var active = forRecipient.Where(c => c.IsActiveAt(now)).ToList();
        var covering = active.FirstOrDefault(c => categories.All(c.Categories.Contains));
        if (covering is not null)
            return (covering, null);

        if (active.Count == 0)
        {
            var lapsed = forRecipient.OrderByDescending(c => c.GivenAt).FirstOrDefault();
            var why = lapsed is null ? "there is no consent" : $"consent {lapsed.Id} is {lapsed.StatusAt(now)}";
            return (null, $"{why} of this survivor for organisation '{recipientId}', so category '{categories[0]}' cannot be shared; record consent first or share nothing");
        }

        // Name the category the closest consent lacks.
        var closest = active.OrderByDescending(c => categories.Count(c.Categories.Contains)).First();
        var missing = categories.First(c => !closest.Categories.Contains(c));
        return (null, $"consent {closest.Id} does not cover category '{missing}' for organisation '{recipientId}'; record consent for it or leave it out");
    }

    /// <summary>The profile fields of exactly these categories; all others null. The note travels only with case notes.</summary>
    public static SharedProfile? Select(Survivors.Survivor survivor, IReadOnlyList<string> categories, string? note) =>
        Restrict(new SharedProfile(survivor.GivenName, survivor.FamilyName, survivor.DateOfBirth, survivor.Gender,
            survivor.Phone, survivor.Email, survivor.HealthNotes, survivor.LegalStatusNotes, survivor.CaseNotes, note), categories);

    /// <summary>
    /// Keeps only the fields of these categories: what a sender may put on the wire, and what a
    /// recipient may keep of what arrived. Null when no category is shared.
    /// </summary>
    public static SharedProfile? Restrict(SharedProfile? profile, IReadOnlyList<string> categories)
    {
        if (profile is null || categories.Count == 0)
            return null;
        bool has(string category) => categories.Contains(category);
        var identity = has(ConsentCategories.Identity);
        var contact = has(ConsentCategories.Contact);
        var caseNotes = has(ConsentCategories.CaseNotes);
        return new SharedProfile(
            GivenName: identity ? profile.GivenName : null,
            FamilyName: identity ? profile.FamilyName : null,
            DateOfBirth: identity ? profile.DateOfBirth : null,
            Gender: identity ? profile.Gender : null,
            Phone: contact ? profile.Phone : null,
            Email: contact ? profile.Email : null,
            HealthNotes: has(ConsentCategories.Health) ? profile.HealthNotes : null,
            LegalStatusNotes: has(ConsentCategories.LegalStatus) ? profile.LegalStatusNotes : null,
            CaseNotes: caseNotes ? profile.CaseNotes : null,
            Note: caseNotes ? profile.Note : null);
    }
}
