namespace ReferralNet.Messaging.Failpoints;

/// <summary>The places in the outbox and inbox where a failpoint can kill the process.</summary>
public static class FailpointNames
{
    /// <summary>A consumer's effects and inbox record are saved but the transaction is not committed.</summary>
    public const string InboxBeforeCommit = "inbox-before-commit";

    /// <summary>The consumer's transaction is committed but the message is not acknowledged yet.</summary>
    public const string InboxAfterCommit = "inbox-after-commit";

    /// <summary>The relay has read committed outbox rows but sent none of them.</summary>
    public const string OutboxBeforeSend = "outbox-before-send";

    /// <summary>The broker confirmed the relay's rows but they are not marked sent yet: they go again after a restart.</summary>
    public const string OutboxAfterSendBeforeMark = "outbox-after-send-before-mark";

    /// <summary>Every name above.</summary>
    public static readonly IReadOnlyList<string> All = [InboxBeforeCommit, InboxAfterCommit, OutboxBeforeSend, OutboxAfterSendBeforeMark];
}
