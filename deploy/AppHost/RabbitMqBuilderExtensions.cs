using ReferralNet.Broker;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ReferralNet.AppHost;

public static class RabbitMqBuilderExtensions
{
    private const string NodeName = "referralnet@localhost";

    /// <summary>
    /// Adds a private RabbitMQ node whose configuration, Erlang cookie, database, logs and pid file
    /// all live in <paramref name="dataDirectory"/>, so nothing under /etc/rabbitmq or /var/lib/rabbitmq
    /// is read or written, and a second start finds the queues and messages of the first.
    /// </summary>
    public static IResourceBuilder<RabbitMqBrokerResource> AddLocalRabbitMq(
        this IDistributedApplicationBuilder builder,
        [ResourceName] string name,
        string dataDirectory,
        int amqpPort,
        int managementPort)
    {
        dataDirectory = Path.GetFullPath(dataDirectory);
        // Beside the broker's folder, not in it: deleting deploy/.data/rabbitmq keeps the passwords.
        var broker = new RabbitMqBrokerResource(name, dataDirectory, Path.Combine(Path.GetDirectoryName(dataDirectory)!, "broker-accounts"));
        string InData(string relative) => Path.Combine(dataDirectory, relative);

        var healthCheckKey = $"{name}-amqp";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey,
            _ => new RabbitMqHealthCheck(broker, managementPort),
            failureStatus: null,
            tags: null));

        return builder.AddResource(broker)
            .WithLoopbackEndpoint(RabbitMqBrokerResource.AmqpEndpointName, amqpPort, "tcp")
            .WithLoopbackEndpoint(RabbitMqBrokerResource.ManagementEndpointName, managementPort, "http")
            // The Erlang cookie is written to HOME; rabbitmqctl must see the same HOME to talk to the node.
            .WithEnvironment("HOME", dataDirectory)
            .WithEnvironment("RABBITMQ_NODENAME", NodeName)
            .WithEnvironment("RABBITMQ_NODE_IP_ADDRESS", LoopbackEndpointExtensions.Loopback)
            .WithEnvironment("RABBITMQ_NODE_PORT", Invariant(amqpPort))
            .WithEnvironment("RABBITMQ_DIST_PORT", Invariant(amqpPort + 20000))
            .WithEnvironment("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}")
            // Only used if this node has to start epmd itself; an epmd already running is shared.
            .WithEnvironment("ERL_EPMD_ADDRESS", LoopbackEndpointExtensions.Loopback)
            .WithEnvironment("RABBITMQ_MNESIA_BASE", InData("mnesia"))
            .WithEnvironment("RABBITMQ_LOG_BASE", InData("log"))
            .WithEnvironment("RABBITMQ_CONFIG_FILE", InData("rabbitmq.conf"))
            .WithEnvironment("RABBITMQ_ADVANCED_CONFIG_FILE", InData("advanced.config"))
            .WithEnvironment("RABBITMQ_ENABLED_PLUGINS_FILE", InData("enabled_plugins"))
            .WithEnvironment("RABBITMQ_PID_FILE", InData("rabbitmq.pid"))
            // An empty env file of our own keeps /etc/rabbitmq/rabbitmq-env.conf out of the picture.
            .WithEnvironment("RABBITMQ_CONF_ENV_FILE", InData("rabbitmq-env.conf"))
            .OnBeforeResourceStarted((resource, _, _) =>
            {
                WriteConfiguration(resource, amqpPort, managementPort);
                return Task.CompletedTask;
            })
            .WithHealthCheck(healthCheckKey)
            .WithIconName("Mailbox");
    }

    // Rewritten on every start so a changed port or setting never meets a stale file.
    private static void WriteConfiguration(RabbitMqBrokerResource broker, int amqpPort, int managementPort)
    {
        var dataDirectory = broker.DataDirectory;
        var mnesia = Path.Combine(dataDirectory, "mnesia");
        // A folder made by an older ReferralNet has guest/guest: until the health check deletes it,
        // the definitions give it a password nobody knows. A new node never creates guest at all.
        var existing = Directory.Exists(mnesia) && Directory.EnumerateFileSystemEntries(mnesia).Any();
        Directory.CreateDirectory(mnesia);
        Directory.CreateDirectory(Path.Combine(dataDirectory, "log"));
        // Hashes only, never a password; loaded at every boot, so a changed account is applied on the next start.
        var definitions = Path.Combine(dataDirectory, "definitions.json");
        File.WriteAllText(definitions, BrokerDefinitions.Build(broker.Credentials, ["/"], disableGuest: existing));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(definitions, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(Path.Combine(dataDirectory, "rabbitmq.conf"), $"""
            listeners.tcp.default = {LoopbackEndpointExtensions.Loopback}:{Invariant(amqpPort)}
            # The accounts, their permissions and the _error/_skipped policies (ReferralNet.Broker).
            load_definitions = {definitions}
            # Every account may log in from 127.0.0.1: every listener is on loopback.
            loopback_users = none
            # Development disks are small; the default (50 % of RAM) would block publishers at once.
            disk_free_limit.absolute = 50MB
            # Console output is what the dashboard shows; the file stays in log/ for later.
            log.console = true
            log.console.level = info
            log.file.level = info
            management.tcp.ip = {LoopbackEndpointExtensions.Loopback}
            management.tcp.port = {Invariant(managementPort)}

            """);
        // Management lets an operator look at queues and the _error queues during a local run.
        File.WriteAllText(Path.Combine(dataDirectory, "enabled_plugins"), "[rabbitmq_management].\n");
        File.WriteAllText(Path.Combine(dataDirectory, "rabbitmq-env.conf"), "");
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
