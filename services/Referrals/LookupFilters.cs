using ReferralNet.Referrals.Survivors;

namespace ReferralNet.Referrals;

/// <summary>The area and language filters every capacity lookup takes, checked in one place.</summary>
public static class LookupFilters
{
    /// <summary>What is wrong with the filters (empty means any), or null; <paramref name="language"/> comes back in canonical case.</summary>
    public static string? Check(string area, ref string language)
    {
        if (area.Length > TextLimits.Code)
            return $"area is {area.Length} characters long; area codes (such as north-city) are at most {TextLimits.Code}";
        if (language.Length == 0)
            return null;
        if (LanguageTags.Canonical(language) is not { } tag)
            return "language is not a language tag: use a BCP 47 tag such as es or pt-BR, or leave it empty for any";
        language = tag;
        return null;
    }
}
