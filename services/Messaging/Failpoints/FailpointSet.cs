using System.Collections.Concurrent;

namespace ReferralNet.Messaging.Failpoints;

/// <summary>
/// Armed failpoints and how often each has been passed; see <see cref="Failpoint"/>.
/// </summary>
public sealed class FailpointSet
{
    readonly IReadOnlyDictionary<string, int> _armed;
    readonly ConcurrentDictionary<string, int> _hits = new();
    readonly Action<string> _fire;

    /// <param name="specification">Comma-separated <c>name</c> or <c>name:N</c>; null or empty arms nothing.</param>
    /// <param name="fire">What happens at an armed point's Nth hit; given the point's name.</param>
    /// <exception cref="ArgumentException">The specification names an unknown point or a hit count that is not a positive number.</exception>
    public FailpointSet(string? specification, Action<string> fire)
    {
        _armed = Parse(specification);
        _fire = fire;
    }

    /// <summary>Each armed point and the hit that fires it.</summary>
    public IReadOnlyDictionary<string, int> Armed => _armed;

    /// <summary>Counts a pass through <paramref name="name"/>; at the armed hit, fires (by default: SIGKILL).</summary>
    public void Hit(string name)
    {
        if (_armed.Count == 0 || !_armed.TryGetValue(name, out var at))
            return;
        if (_hits.AddOrUpdate(name, 1, (_, n) => n + 1) == at)
            _fire(name);
    }

    static IReadOnlyDictionary<string, int> Parse(string? specification)
    {
        var armed = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var part in (specification ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (name, count) = part.Split(':', 2) is [var n, var c] ? (n.Trim(), c.Trim()) : (part, "1");
            if (!FailpointNames.All.Contains(name))
                throw new ArgumentException($"{Failpoint.EnvironmentVariable}: '{name}' is not a failpoint; use one of: {string.Join(", ", FailpointNames.All)}", nameof(specification));
            if (!int.TryParse(count, out var at) || at < 1)
                throw new ArgumentException($"{Failpoint.EnvironmentVariable}: the hit count of '{name}' must be a whole number of at least 1, not '{count}'", nameof(specification));
            armed[name] = at;
        }
        return armed;
    }
}
