namespace ReferralNet.AppHost;

/// <summary>
/// Debian's RabbitMQ run as an executable: there is no Docker engine on our machines, so the
/// container-based RabbitMQ integration cannot be used.
/// </summary>
public sealed class RabbitMqBrokerResource(string name, string dataDirectory)
    : ExecutableResource(name, ServerScript, dataDirectory), IResourceWithConnectionString
{
    // The /usr/sbin wrappers switch to the rabbitmq user when run as root, which changes HOME and
    // with it the Erlang cookie; the scripts under /usr/lib run as whoever starts them.
    public const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    public const string AmqpEndpointName = "amqp";
    public const string ManagementEndpointName = "management";

    public string DataDirectory { get; } = dataDirectory;

    public EndpointReference AmqpEndpoint => field ??= new(this, AmqpEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"amqp://guest:guest@{LoopbackEndpointExtensions.Loopback}:{AmqpEndpoint.Property(EndpointProperty.Port)}/");
}
