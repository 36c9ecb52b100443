namespace ReferralNet.Testing;

/// <summary>The checkout or a built service in it cannot be found; the message says what to do.</summary>
public sealed class CheckoutException(string message) : Exception(message);
