namespace ReferralNet.Testing;

/// <summary>
/// A service process could not be started, did not become healthy, or could not be stopped. The
/// message says which service and why, and for start failures ends with the tail of its log.
/// </summary>
public sealed class ServiceProcessException(string message, Exception? inner = null) : Exception(message, inner);
