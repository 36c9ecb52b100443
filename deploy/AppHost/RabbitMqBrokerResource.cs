using ReferralNet.Broker;

namespace ReferralNet.AppHost;

/// <summary>
/// Debian's RabbitMQ run as an executable: there is no Docker engine on our machines, so the
/// container-based RabbitMQ integration cannot be used.
/// </summary>
/// <remarks>
/// It has no <c>guest</c>: every service, the portal and the operator log in as their own account
/// (<see cref="BrokerAccounts"/>), with passwords generated on the first start and kept in
/// <see cref="CredentialsDirectory"/> (one file per account, mode 0600).
/// </remarks>
public sealed class RabbitMqBrokerResource(string name, string dataDirectory, string credentialsDirectory)
    : ExecutableResource(name, ServerScript, dataDirectory), IResourceWithConnectionString
{
    // The /usr/sbin wrappers switch to the rabbitmq user when run as root, which changes HOME and
    // with it the Erlang cookie; the scripts under /usr/lib run as whoever starts them.
    public const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    public const string AmqpEndpointName = "amqp";
    public const string ManagementEndpointName = "management";

    public string DataDirectory { get; } = dataDirectory;

    public string CredentialsDirectory { get; } = credentialsDirectory;

    public BrokerCredentials Credentials { get; } = BrokerCredentials.LoadOrCreate(credentialsDirectory);

    public EndpointReference ManagementEndpoint => field ??= new(this, ManagementEndpointName);

    public EndpointReference AmqpEndpoint => field ??= new(this, AmqpEndpointName);

    /// <summary>The operator's connection string (what the health check logs in with).</summary>
    public ReferenceExpression ConnectionStringExpression => ConnectionStringFor(BrokerAccounts.OperatorName);

    /// <summary>The connection string of one account (a service's, the portal's, the operator's).</summary>
    public ReferenceExpression ConnectionStringFor(string account) =>
        ReferenceExpression.Create($"amqp://{account}:{Credentials.PasswordOf(account)}@{LoopbackEndpointExtensions.Loopback}:{AmqpEndpoint.Property(EndpointProperty.Port)}/");
}
