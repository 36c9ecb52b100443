using System.Reflection;
using System.Text.Json.Serialization;

namespace ReferralNet.Referrals;

/// <summary>
/// The kebab-case code of a value of a fixed set (a status, an audit action, a consent method): the
/// name its <see cref="JsonStringEnumMemberNameAttribute"/> gives it, the same in the database, on
/// the broker and in the API.
/// </summary>
public static class Codes
{
    /// <summary>The value's code.</summary>
    public static string Code<T>(this T value) where T : struct, Enum => Table<T>.CodeOf[value];

    /// <summary>The value a code stands for; false for a code not in the set (codes are case-sensitive).</summary>
    public static bool TryParse<T>(string? code, out T value) where T : struct, Enum =>
        Table<T>.ValueOf.TryGetValue(code ?? "", out value);

    /// <summary>The value a stored code stands for; a code not in the set is a corrupt row.</summary>
    public static T Parse<T>(string code) where T : struct, Enum =>
        TryParse<T>(code, out var value) ? value : throw new FormatException($"'{code}' is not a {typeof(T).Name} code");

    /// <summary>Every code of the set, in declaration order.</summary>
    public static IReadOnlyList<string> All<T>() where T : struct, Enum => Table<T>.All;

    static class Table<T> where T : struct, Enum
    {
        public static readonly Dictionary<T, string> CodeOf = typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToDictionary(f => (T)f.GetValue(null)!, f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                ?? throw new InvalidOperationException($"{typeof(T).Name}.{f.Name} has no code: give it a [JsonStringEnumMemberName]"));
        public static readonly Dictionary<string, T> ValueOf = CodeOf.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
        public static readonly IReadOnlyList<string> All = [.. CodeOf.Values];
    }
}
