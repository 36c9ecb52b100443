namespace ReferralNet.Messaging.Authenticity;

/// <summary>
/// A message that does not provably come from the service hosting the organisation it acts for,
/// or that is for an organisation this service does not host. Never retried: the message goes to
/// the endpoint's <c>_error</c> queue at once, with this message (which names the failed check,
/// ids and service names only) as its fault.
/// </summary>
public sealed class MessageNotAuthenticException(string message) : Exception(message);
