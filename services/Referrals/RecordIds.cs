namespace ReferralNet.Referrals;

/// <summary>Ids of new survivors, consents and referrals: a prefix and 16 random hex digits, meaning nothing.</summary>
public static class RecordIds
{
    /// <summary>The prefix of survivor ids.</summary>
    public const string Survivor = "sv";

    /// <summary>The prefix of consent ids.</summary>
    public const string Consent = "c";

    /// <summary>The prefix of referral ids.</summary>
    public const string Referral = "rf";

    const int HexDigits = 16;

    /// <summary>A new id such as <c>rf-0123456789abcdef</c>.</summary>
    public static string New(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + HexDigits + 1)];

    /// <summary>Whether <paramref name="id"/> has the shape <see cref="New"/> gives ids of <paramref name="prefix"/>: the prefix, a dash, 16 lower-case hex digits.</summary>
    public static bool HasShape(string prefix, string? id) =>
        id is not null
        && id.Length == prefix.Length + 1 + HexDigits
        && id.StartsWith(prefix, StringComparison.Ordinal)
        && id[prefix.Length] == '-'
        && id.AsSpan(prefix.Length + 1).ContainsAnyExcept("0123456789abcdef") is false;

    /// <summary>
    /// What is wrong with <paramref name="id"/> as the id of a <paramref name="what"/> (named
    /// <paramref name="field"/> in the request), or null when it has the right shape.
    /// </summary>
    public static string? Check(string prefix, string? id, string field, string what) =>
        HasShape(prefix, id)
            ? null
            : $"{field} '{id}' is not a {what} id: {what} ids look like {prefix}-0123456789abcdef ({prefix}- and 16 lower-case hex digits); use the id the service gave you";

    /// <summary>
    /// Throws <see cref="ArgumentException"/> (which sends a message to its <c>_error</c> queue
    /// at once, without retries) when <paramref name="id"/> in a broker message is not of the shape.
    /// </summary>
    public static void Require(string prefix, string? id, string field, string messageType)
    {
        if (!HasShape(prefix, id))
            throw new ArgumentException($"a {messageType} arrived whose {field} is not a {prefix}- id of 16 hex digits; it cannot be applied");
    }

    /// <summary>The longest free text (a name, a note) any field takes.</summary>
    public const int MaxText = 4000;
}
