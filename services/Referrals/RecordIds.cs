namespace ReferralNet.Referrals;

/// <summary>Ids of new survivors, consents and referrals: a prefix and 16 random hex digits, meaning nothing.</summary>
public static class RecordIds
{
    /// <summary>A new id such as <c>rf-0123456789abcdef</c>.</summary>
    public static string New(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 17)];

    /// <summary>The longest free text (a name, a note) any field takes.</summary>
    public const int MaxText = 4000;
}
