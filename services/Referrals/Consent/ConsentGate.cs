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
            var why = lapsed is null ? "there is no consent" : $"consent {lapsed.Id} is {lapsed.StatusAt(now).Code()}";
            return (null, $"{why} of this survivor for organisation '{recipientId}', so category '{categories[0]}' cannot be shared; record consent first or share nothing");
        }

        // Name the category the closest consent lacks.
        var closest = active.OrderByDescending(c => categories.Count(c.Categories.Contains)).First();
        var missing = categories.First(c => !closest.Categories.Contains(c));
        return (null, $"consent {closest.Id} does not cover category '{missing}' for organisation '{recipientId}'; record consent for it or leave it out");
    }

    /// <summary>The profile fields of exactly these categories, as sent; all others null. The note travels only with case notes.</summary>
    public static SharedProfile? Select(Survivors.Survivor survivor, IReadOnlyList<string> categories, string? note) =>
        survivor.Profile.WithNote(note).For(categories)?.ToShared();
}
