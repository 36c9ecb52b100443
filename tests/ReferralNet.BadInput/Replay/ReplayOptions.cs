namespace ReferralNet.BadInput.Replay;

/// <summary>How the replay runs.</summary>
public sealed record ReplayOptions
{
    /// <summary>Requests in flight at once.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>How long one request may take before it counts as a crash (hang).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait, at most, for published messages to reach the _error queues.</summary>
    public TimeSpan AmqpTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Stop waiting once no new message has turned up in an _error queue for this long.</summary>
    public TimeSpan AmqpQuietPeriod { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Where progress lines go (none by default).</summary>
    public Action<string>? Progress { get; init; }
}
