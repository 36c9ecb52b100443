namespace ReferralNet.Testing;

/// <summary>
/// A private RabbitMQ broker could not be started, stopped or configured. The message says which
/// step failed and, for start failures, ends with the tail of the broker's log.
/// </summary>
public sealed class RabbitMqBrokerException(string message, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The start failed because another process held the AMQP or distribution port.</summary>
    internal bool PortWasTaken { get; init; }
}
