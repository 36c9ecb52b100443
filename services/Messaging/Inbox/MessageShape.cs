using System.Collections.Concurrent;
using System.Reflection;

namespace ReferralNet.Messaging.Inbox;

/// <summary>
/// Whether a message that arrived has every field its contract says cannot be null. The broker's
/// JSON reader fills a missing field with null, so a malformed message would otherwise be applied
/// (or silently ignored) as if it were a real one.
/// </summary>
public static class MessageShape
{
    static readonly ConcurrentDictionary<Type, PropertyInfo[]> Required = new();

    /// <summary>
    /// Throws <see cref="ArgumentException"/> (not retried: the message goes to its <c>_error</c>
    /// queue at once) when a non-nullable field of <paramref name="message"/> is missing.
    /// </summary>
    public static void Require(object message)
    {
        if (MissingField(message) is { } missing)
            throw new ArgumentException($"a {message.GetType().Name} arrived without {missing}; it cannot be applied");
    }

    /// <summary>The first non-nullable property of <paramref name="message"/> that is null, or null when none is.</summary>
    public static string? MissingField(object message)
    {
        var required = Required.GetOrAdd(message.GetType(), type =>
        {
            var nullability = new NullabilityInfoContext();
            return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => !p.PropertyType.IsValueType && nullability.Create(p).ReadState == NullabilityState.NotNull)
                .ToArray();
        });
        return required.FirstOrDefault(p => p.GetValue(message) is null) is { } missing
            ? char.ToLowerInvariant(missing.Name[0]) + missing.Name[1..]
            : null;
    }
}
