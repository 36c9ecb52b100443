namespace ReferralNet.Messaging.Outbox;

/// <summary>Tuning of the outbox relay.</summary>
public sealed class OutboxOptions
{
    /// <summary>Most rows sent in one pass; they are sent concurrently and confirmed together.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long the relay sleeps without a commit signal before it looks anyway.</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a send may wait for the broker's confirm before the pass counts as failed.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest pause between attempts while the broker is unreachable.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long sent rows and inbox records are kept before they are deleted.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
