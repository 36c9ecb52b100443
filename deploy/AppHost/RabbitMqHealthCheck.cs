using Microsoft.Extensions.Diagnostics.HealthChecks;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RabbitMQ.Client;
using ReferralNet.Broker;

namespace ReferralNet.AppHost;

/// <summary>
/// Healthy once the operator can log in and open the default virtual host, which is what every
/// service does first, and <c>guest</c> is gone (a data folder made by an older ReferralNet still
/// has it: it is deleted here, through the management API, before any service starts). An open TCP
/// port is not enough: RabbitMQ binds its listener before it has finished booting, and a bare
/// connect also leaves an "unexpectedly closed" warning in the broker log.
/// </summary>
public sealed class RabbitMqHealthCheck(RabbitMqBrokerResource broker, int managementPort) : IHealthCheck
{
    bool _guestGone;

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
            if (!_guestGone)
                _guestGone = await DeleteGuestAsync(cancellationToken);
            return _guestGone ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("the guest user could not be deleted yet");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"RabbitMQ at {amqpUri.Host}:{amqpUri.Port} does not accept AMQP connections yet", ex);
        }
    }

    async Task<bool> DeleteGuestAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://{LoopbackEndpointExtensions.Loopback}:{managementPort}/"), Timeout = TimeSpan.FromSeconds(5) };
        var operatorLogin = $"{BrokerAccounts.OperatorName}:{broker.Credentials.PasswordOf(BrokerAccounts.OperatorName)}";
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(operatorLogin)));
        using var response = await http.DeleteAsync($"api/users/{BrokerDefinitions.Guest}", cancellationToken);
        // 404: there is no guest (a node that booted with definitions never made one).
        return response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound;
    }
}
