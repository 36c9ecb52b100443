namespace ReferralNet.Faults;

/// <summary>A service answered, but not with success.</summary>
sealed class FaultRefusedException(string message) : Exception(message);
