using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReferralNet.Messaging.Authenticity;
using ReferralNet.Messaging.Failpoints;
using ReferralNet.ServiceDefaults;

namespace ReferralNet.Messaging;

/// <summary>MassTransit on RabbitMQ, set up the same way in every service.</summary>
public static class MessagingExtensions
{
    /// <summary>The connection string name of the broker (<c>ConnectionStrings:rabbitmq</c>, an amqp:// URI).</summary>
    public const string ConnectionStringName = "rabbitmq";

    /// <summary>
    /// Connects to RabbitMQ and registers the service's consumers. Each service's queues are
    /// prefixed with its name, so every service gets its own copy of a published event; messages
    /// that still fail after the retries land in the endpoint's <c>_error</c> queue.
    /// </summary>
    public static IHostApplicationBuilder AddReferralNetMessaging(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator>? consumers = null)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set: give the broker's amqp:// URI (deploy/up.sh sets it)");
        var serviceName = ReferralNetOptions.ServiceNameOf(builder.Configuration, builder.Environment.ApplicationName);
        var prefetch = builder.Configuration.GetValue($"{ReferralNetOptions.Section}:Messaging:PrefetchCount", 32);
        // Unset: MassTransit's default, as many at once as the prefetch lets in.
        var concurrency = builder.Configuration.GetValue<int?>($"{ReferralNetOptions.Section}:Messaging:ConcurrentMessageLimit");
        var topology = BrokerTopology.From(builder.Configuration);
        var brokerUser = BrokerUser.FromConnectionString(connectionString);
        var authenticity = AuthenticitySwitch.IsOn(builder.Configuration, builder.Environment.EnvironmentName);
        builder.Services.AddSingleton(topology);
        // A factory, so the container owns the scrub and closes its connection at shutdown.
        builder.Services.AddSingleton(_ => new DeadLetters.DeadLetterScrub(connectionString));
        // A malformed failpoint variable fails here, at start-up, not inside a consumer.
        _ = Failpoint.Current;

        builder.Services.AddOptions<MassTransitHostOptions>().Configure(host =>
        {
            // Without this the host answers before queues are bound, and early messages go nowhere.
            host.WaitUntilStarted = true;
            host.StopTimeout = TimeSpan.FromSeconds(30);
        });

        // Counts consumer failures for referralnet.consumer.faults.
        builder.Services.AddConsumeObserver<ConsumerFaultCounter>();
        builder.Services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, false));
            consumers?.Invoke(bus);
            bus.AddConfigureEndpointsCallback((registration, _, endpoint) =>
            {
                // A Fault<T> event would copy the failed message to an exchange every account would
                // need to write to; failed messages go to the endpoint's _error queue only.
                endpoint.PublishFaults = false;
                // MassTransit's own move copies the publisher's user_id, which the broker refuses
                // from any other user: failed and unconsumed messages are moved without it.
                var move = new FailedMessageMove(topology.QuorumQueues,
                    registration.GetRequiredService<DeadLetters.DeadLetterScrub>(), registration.GetService<DeadLetters.IDeadLetterRewrite>());
                endpoint.ConfigureError(error => error.UseFilter(move));
                endpoint.ConfigureDeadLetter(deadLetter => deadLetter.UseFilter(move));
            });
            if (topology.QuorumQueues)
            {
                bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
                {
                    if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbitEndpoint)
                        rabbitEndpoint.SetQuorumQueue();
                });
            }
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString), host =>
                {
                    host.PublisherConfirmation = true;
                    // The URI's host is then only a name: connections go to the first node that answers.
                    if (topology.ClusterNodes.Count > 0)
                        host.UseCluster(cluster => topology.ClusterNodes.ToList().ForEach(cluster.Node));
                });
                // The temporary bus queue starts with the service's name too: its broker account may
                // declare and read only names with its own prefix.
                rabbit.OverrideDefaultBusEndpointQueueName($"{serviceName}-bus-{NewId.Next().ToString("N")}");
                rabbit.PrefetchCount = prefetch;
                // Everything this service sends or publishes carries its own broker user as the
                // validated user_id: the broker refuses any other, so a consumer can trust it.
                if (authenticity)
                {
                    rabbit.ConfigureSend(send => send.UseExecute(c => StampUser(c, brokerUser)));
                    rabbit.ConfigurePublish(publish => publish.UseExecute(c => StampUser(c, brokerUser)));
                    rabbit.UseConsumeFilter(typeof(AuthenticityFilter<>), context);
                }
                if (concurrency is { } limit)
                    rabbit.ConcurrentMessageLimit = limit;
                rabbit.UseMessageRetry(retry =>
                {
                    retry.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200));
                    // A message that cannot be read will not become readable by trying again.
                    retry.Ignore<System.Text.Json.JsonException>();
                    retry.Ignore<ArgumentException>();
                    // Nor will sealed data that failed its checks open the next time.
                    retry.Ignore<Sealing.SealingException>();
                    // Nor will a message from the wrong sender become authentic.
                    retry.Ignore<MessageNotAuthenticException>();
                });
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    static void StampUser(SendContext context, string brokerUser)
    {
        if (context.TryGetPayload<RabbitMqSendContext>(out var rabbit))
            rabbit.BasicProperties.UserId = brokerUser;
    }
}
