namespace ReferralNet.Contracts.Referrals;

/// <summary>The categories of a survivor's personal data that consent can cover, one by one.</summary>
public static class ConsentCategories
{
    /// <summary>Names, date of birth, gender.</summary>
    public const string Identity = "identity";
    /// <summary>Phone, e-mail.</summary>
    public const string Contact = "contact";
    /// <summary>Health notes.</summary>
    public const string Health = "health";
    /// <summary>Immigration and legal status notes.</summary>
    public const string LegalStatus = "legal-status";
    /// <summary>Case notes, and the free-text note of a referral.</summary>
    public const string CaseNotes = "case-notes";

    public static readonly IReadOnlyList<string> All = [Identity, Contact, Health, LegalStatus, CaseNotes];

    public static bool IsKnown(string category) => All.Contains(category);
}
