using MassTransit;

namespace ReferralNet.Messaging.Authenticity;

/// <summary>
/// The broker user a message was published by: RabbitMQ's <c>user_id</c> property, which the
/// broker refuses on a publish unless it equals the publishing connection's own user. Every
/// service sets it on everything it sends; a consumer reads it here.
/// </summary>
public static class BrokerUser
{
    /// <summary>
    /// The header a message moved to an <c>_error</c> or <c>_skipped</c> queue keeps its publisher's
    /// user in: the moving service may not publish a copy under another user's <c>user_id</c>, and
    /// the operator's replay (which may) puts it back.
    /// </summary>
    public const string OriginalUserHeader = "ReferralNet-Broker-User";

    /// <summary>The validated <c>user_id</c> of the message being consumed, or null when it has none.</summary>
    public static string? Of(ReceiveContext context) =>
        context.TryGetPayload<RabbitMqBasicConsumeContext>(out var rabbit) && rabbit.Properties.UserId is { Length: > 0 } user ? user : null;

    /// <summary>The user an amqp:// connection string logs in as.</summary>
    public static string FromConnectionString(string connectionString) =>
        Uri.UnescapeDataString(new Uri(connectionString).UserInfo.Split(':')[0]);
}
