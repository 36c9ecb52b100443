using System.Collections;

namespace ReferralNet.Testing;

/// <summary>
/// Log records, metric snapshots or spans an in-memory exporter writes from its own thread while a
/// test reads them: every access is locked, and tests read a <see cref="Snapshot"/>.
/// </summary>
public class TelemetryCollection<T> : ICollection<T>
{
    readonly List<T> _items = [];

    public IReadOnlyList<T> Snapshot()
    {
        lock (_items) return _items.ToList();
    }

    public void Add(T item) { lock (_items) _items.Add(item); }
    public void Clear() { lock (_items) _items.Clear(); }
    public bool Contains(T item) { lock (_items) return _items.Contains(item); }
    public void CopyTo(T[] array, int arrayIndex) { lock (_items) _items.CopyTo(array, arrayIndex); }
    public bool Remove(T item) { lock (_items) return _items.Remove(item); }
    public int Count { get { lock (_items) return _items.Count; } }
    public bool IsReadOnly => false;
    public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
