namespace ReferralNet.Referrals;

/// <summary>
/// The longest value each free-text field takes, in one place. The limits are generous for what
/// the field holds, and small enough that no field can carry a document or flood a page.
/// </summary>
public static class TextLimits
{
    /// <summary>A given or family name.</summary>
    public const int Name = 200;

    /// <summary>A phone number.</summary>
    public const int Phone = 40;

    /// <summary>An e-mail address (RFC 5321's longest path).</summary>
    public const int Email = 254;

    /// <summary>Gender as the survivor states it.</summary>
    public const int Gender = 100;

    /// <summary>Health, legal-status and case notes, and a referral's note.</summary>
    public const int Notes = RecordIds.MaxText;

    /// <summary>A consent's purpose.</summary>
    public const int Purpose = 500;

    /// <summary>Who witnessed a verbal consent.</summary>
    public const int Witness = 200;

    /// <summary>A code or filter (a need, an area, a service, a reason): codes are short.</summary>
    public const int Code = 64;

    /// <summary>The most needs one survivor may have recorded.</summary>
    public const int MaxNeeds = 16;

    /// <summary>The first field of <paramref name="fields"/> longer than its limit, as a message that says so; null when all fit.</summary>
    public static string? Check(params (string Field, string? Value, int Max)[] fields) =>
        fields.FirstOrDefault(f => f.Value?.Length > f.Max) is { Field: not null } tooLong
            ? $"{tooLong.Field} is {tooLong.Value!.Length} characters long; it may be at most {tooLong.Max}: shorten it"
            : null;
}
