namespace ReferralNet.Faults;

/// <summary>A scenario could not be carried out (as opposed to one that ran and found a loss).</summary>
sealed class FaultException(string message) : Exception(message);
