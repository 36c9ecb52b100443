using System.Security.Cryptography;

namespace ReferralNet.Identity.Accounts;

/// <summary>Pseudonymous staff ids: <c>sf-</c> and 16 hex digits, random, saying nothing about the person.</summary>
public static class StaffIds
{
    public const string Prefix = "sf-";
    public const int Length = 19;

    public static string New() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static bool IsStaffId(string? value) =>
        value is { Length: Length } && value.StartsWith(Prefix, StringComparison.Ordinal) && value[Prefix.Length..].All(char.IsAsciiHexDigitLower);
}
