namespace ReferralNet.Messaging.Sealing;

/// <summary>
/// Sealed data that cannot be opened (altered, moved to another message, sealed to a key this
/// service does not hold) or personal data that arrived unsealed. Its message names the check that
/// failed and never any of the data. Not retried: the message goes to the <c>_error</c> queue at once.
/// </summary>
public sealed class SealingException(string message) : Exception(message);
