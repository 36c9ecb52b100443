namespace ReferralNet.Operator.ErrorQueues;

/// <summary>
/// The headers MassTransit 8.5 adds when it moves a failed message to <c>&lt;queue&gt;_error</c>
/// (<c>MassTransit.MessageHeaders</c>; a test checks these against it).
/// </summary>
public static class FaultHeaders
{
    public const string Reason = "MT-Reason";
    public const string ExceptionType = "MT-Fault-ExceptionType";
    public const string Message = "MT-Fault-Message";
    public const string MessageType = "MT-Fault-MessageType";
    public const string ConsumerType = "MT-Fault-ConsumerType";
    public const string Timestamp = "MT-Fault-Timestamp";
    public const string StackTrace = "MT-Fault-StackTrace";
    public const string InputAddress = "MT-Fault-InputAddress";
    public const string RetryCount = "MT-Fault-RetryCount";
    public const string RedeliveryCount = "MT-Fault-RedeliveryCount";

    /// <summary>Whether a header was added by the move to the error queue (and is dropped on replay).</summary>
    public static bool IsFaultHeader(string name) =>
        name == Reason || name.StartsWith("MT-Fault-", StringComparison.Ordinal);
}
