namespace ReferralNet.Bench;

/// <summary>
/// The benchmark could not run or could not finish: the message says what was wrong and what to
/// do, and is printed without a stack trace.
/// </summary>
sealed class BenchException(string message, Exception? inner = null) : Exception(message, inner);
