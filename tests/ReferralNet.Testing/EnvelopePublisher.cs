using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ReferralNet.Testing;

/// <summary>
/// Publishes a message as MassTransit writes it (its JSON envelope, content type and message id),
/// with a raw RabbitMQ client, as one broker account and with the <c>user_id</c> a test chooses:
/// what a service, an attacker who took one over, or a test playing another service sends.
/// </summary>
public static class EnvelopePublisher
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Publishes <paramref name="message"/> to the first of <paramref name="exchanges"/> that takes it
    /// (the account may write to it, and it routes to a queue), with confirms. Returns the message
    /// id, or null when the broker refused every exchange (no write permission, no such exchange,
    /// a <c>user_id</c> that is not the connection's, or routed nowhere).
    /// </summary>
    public static async Task<Guid?> PublishAsync(string connectionString, IReadOnlyList<string> exchanges, object message, string? userId, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        var type = message.GetType();
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            messageId = id,
            messageType = new[] { $"urn:message:{type.Namespace}:{type.Name}" },
            message,
            sentTime = DateTimeOffset.UtcNow,
        }, Json));
        var properties = new BasicProperties
        {
            MessageId = id.ToString(),
            ContentType = "application/vnd.masstransit+json",
            Persistent = true,
            UserId = userId,
        };
        await using var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync(ct);
        foreach (var exchange in exchanges)
        {
            await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
            try
            {
                await channel.BasicPublishAsync(exchange, "", mandatory: true, properties, body, ct);
                return id;
            }
            catch (Exception e) when (e is OperationInterruptedException or AlreadyClosedException or PublishException)
            {
                // Refused (403 no write permission, 404 no such exchange, 406 user_id is not ours) or routed nowhere.
            }
        }
        return null;
    }
}
