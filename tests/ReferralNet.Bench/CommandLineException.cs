namespace ReferralNet.Bench;

/// <summary>The arguments were wrong; the message says which and how.</summary>
sealed class CommandLineException(string message) : Exception(message);
