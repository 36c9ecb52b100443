namespace ReferralNet.Referrals.Survivors;

/// <summary>
/// A survivor's languages as BCP 47 tags (RFC 5646): <c>es</c>, <c>pt-BR</c>, <c>zh-Hant-TW</c>,
/// <c>sl-rozaj</c>. They travel in every referral without consent (they say what language to
/// speak to someone, as dependants say how big a bed, and identify no one), so they must be tags
/// and nothing else: a name, an address or a sentence put here would reach every recipient. The
/// shape is checked here, not against the machine's ICU list (which differs between machines):
/// a language subtag of 2–3 or 5–8 letters, then an optional script (4 letters), an optional
/// region (2 letters or 3 digits) and variants (5–8 letters or digits, or a digit and 3). Tags are
/// kept in their canonical case; extensions, private use and the grandfathered tags are not taken.
/// </summary>
public static class LanguageTags
{
    /// <summary>The most languages one survivor may have recorded.</summary>
    public const int MaxCount = 8;

    /// <summary>The longest tag taken (a language, a script, a region and two variants).</summary>
    public const int MaxLength = 35;

    const string Example = "use BCP 47 language tags such as es, pt-BR or zh-Hant-TW (a language of 2-3 or 5-8 letters, then optional script, region and variant subtags); names, places and sentences do not belong here";

    /// <summary>
    /// The tags in canonical case without duplicates, or what is wrong with them. The message says
    /// which entry is wrong, never what it holds: free text there may be personal data.
    /// </summary>
    public static (List<string> Tags, string? Problem) Check(IReadOnlyList<string?>? languages, string field = "languages")
    {
        var tags = new List<string>();
        if (languages is null)
            return (tags, null);
        if (languages.Count > MaxCount)
            return (tags, $"{field} has {languages.Count} entries; at most {MaxCount} languages may be recorded");
        for (var i = 0; i < languages.Count; i++)
        {
            if (Canonical(languages[i]) is not { } tag)
                return ([], $"{field}[{i}] is not a language tag: {Example}");
            if (!tags.Contains(tag, StringComparer.Ordinal))
                tags.Add(tag);
        }
        return (tags, null);
    }

    /// <summary>The tag in canonical case (language lower, script title, region upper, variants lower), or null when it is not one.</summary>
    public static string? Canonical(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
            return null;
        var subtags = value.Split('-');
        var language = subtags[0];
        if (!(language.Length is (>= 2 and <= 3) or (>= 5 and <= 8) && language.All(char.IsAsciiLetter)))
            return null;
        var canonical = new List<string> { language.ToLowerInvariant() };
        var next = 1;
        if (next < subtags.Length && subtags[next].Length == 4 && subtags[next].All(char.IsAsciiLetter))
        {
            var script = subtags[next++];
            canonical.Add(char.ToUpperInvariant(script[0]) + script[1..].ToLowerInvariant());
        }
        if (next < subtags.Length && IsRegion(subtags[next]))
            canonical.Add(subtags[next++].ToUpperInvariant());
        for (; next < subtags.Length; next++)
        {
            if (!IsVariant(subtags[next]) || canonical.Contains(subtags[next].ToLowerInvariant(), StringComparer.Ordinal))
                return null;
            canonical.Add(subtags[next].ToLowerInvariant());
        }
        return string.Join('-', canonical);
    }

    static bool IsRegion(string subtag) =>
        (subtag.Length == 2 && subtag.All(char.IsAsciiLetter)) || (subtag.Length == 3 && subtag.All(char.IsAsciiDigit));

    static bool IsVariant(string subtag) =>
        subtag.All(char.IsAsciiLetterOrDigit)
        && (subtag.Length is >= 5 and <= 8 || (subtag.Length == 4 && char.IsAsciiDigit(subtag[0])));
}
