using System.Collections;
using System.Diagnostics.CodeAnalysis;
using MassTransit;

namespace ReferralNet.Messaging.Authenticity;

/// <summary>MassTransit's header writer over the AMQP headers of a message being moved.</summary>
sealed class MoveHeaders(IDictionary<string, object?> headers) : SendHeaders
{
    public void Set(string key, string? value) => headers[key] = value;

    public void Set(string key, object? value, bool overwrite = true)
    {
        if (overwrite || !headers.ContainsKey(key))
            headers[key] = value is string or null ? value : value.ToString();
    }

    public IEnumerable<KeyValuePair<string, object>> GetAll() =>
        headers.Where(h => h.Value is not null).Select(h => new KeyValuePair<string, object>(h.Key, h.Value!));

    public bool TryGetHeader(string key, [NotNullWhen(true)] out object? value) => headers.TryGetValue(key, out value) && value is not null;

    public T? Get<T>(string key, T? defaultValue = default) where T : class =>
        headers.TryGetValue(key, out var value) && value is T typed ? typed : defaultValue;

    public T? Get<T>(string key, T? defaultValue = default) where T : struct =>
        headers.TryGetValue(key, out var value) && value is T typed ? typed : defaultValue;

    public IEnumerator<HeaderValue> GetEnumerator() =>
        headers.Where(h => h.Value is not null).Select(h => new HeaderValue(h.Key, h.Value!)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
