namespace ReferralNet.Operator;

/// <summary>A failure the operator can fix; its message says what was wrong and what to do.</summary>
public sealed class OperatorException(string message, int exitCode = OperatorException.UsageOrStateExitCode, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>Wrong arguments, an unknown message id, nothing to act on.</summary>
    public const int UsageOrStateExitCode = 1;

    /// <summary>The broker or its management API cannot be reached.</summary>
    public const int UnreachableExitCode = 2;

    /// <summary>The process exit code for this failure.</summary>
    public int ExitCode { get; } = exitCode;
}
