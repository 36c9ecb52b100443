using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace ReferralNet.AppHost;

/// <summary>
/// Healthy once a client can log in and open the default virtual host, which is what every service
/// does first. An open TCP port is not enough: RabbitMQ binds its listener before it has finished
/// booting, and a bare connect also leaves an "unexpectedly closed" warning in the broker log.
/// </summary>
public sealed class RabbitMqHealthCheck(IResourceWithConnectionString broker) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var connectionString = await broker.ConnectionStringExpression.GetValueAsync(cancellationToken)
            ?? throw new InvalidOperationException($"{broker.Name} has no connection string");
        var amqpUri = new Uri(connectionString);
        var factory = new ConnectionFactory
        {
            Uri = amqpUri,
            ClientProvidedName = "apphost-health-check",
            RequestedConnectionTimeout = TimeSpan.FromSeconds(3),
            AutomaticRecoveryEnabled = false,
        };
        try
        {
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            await connection.CloseAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"RabbitMQ at {amqpUri.Host}:{amqpUri.Port} does not accept AMQP connections yet", ex);
        }
    }
}
