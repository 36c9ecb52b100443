using MassTransit;
using ReferralNet.Broker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using ReferralNet.Messaging.DeadLetters;
using ReferralNet.Messaging.Sealing;
using ReferralNet.ServiceDefaults;
using ReferralNet.Referrals.Consent;
using ReferralNet.Referrals.Receiving;
using ReferralNet.Referrals.Revocation;
using ReferralNet.Referrals.Sending;
using ReferralNet.Referrals.StatusChanges;
using ReferralNet.Referrals.Survivors;
using ReferralNet.Referrals.Operations;

namespace ReferralNet.Referrals;

/// <summary>Registers the referral engine in a service.</summary>
public static class ReferralEngineExtensions
{
    /// <summary>
    /// The engine, the consent expiry job, the reading of referral counts for the metrics, and (unless the service registered its own) a recipient
    /// with no capacity to track. The service's sealing keys are loaded here, at start-up (created and
    /// published on first start), so that a service that cannot open what is sealed to it never runs.
    /// </summary>
    public static IHostApplicationBuilder AddReferralEngine(this IHostApplicationBuilder builder)
    {
        var service = ReferralNetOptions.ServiceNameOf(builder.Configuration, builder.Environment.ApplicationName);
        var sealing = builder.Configuration.GetSection(SealingOptions.Section).Get<SealingOptions>() ?? new();
        var database = builder.Configuration[$"{ReferralNetOptions.Section}:{nameof(ReferralNetOptions.DatabasePath)}"];
        var dataFolder = database is { Length: > 0 } ? Path.GetDirectoryName(Path.GetFullPath(database)) : null;
        builder.Services.AddSingleton(SealingKeys.Load(service, sealing, dataFolder, builder.Environment.EnvironmentName));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddScoped<IReferralRecipient, NoRecipientEffects>();
        builder.Services.AddReferralSlices();
        builder.Services.AddSingleton(provider => new WithdrawnDeadLetters(
            ServiceNames.ReferralQueue(service), provider.GetRequiredService<IServiceScopeFactory>(), provider.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IDeadLetterRewrite>(provider => provider.GetRequiredService<WithdrawnDeadLetters>());
        builder.Services.AddHostedService<ConsentExpiry>();
        builder.Services.AddOptions<OperationsOptions>().BindConfiguration(OperationsOptions.Section);
        builder.Services.AddHostedService<ReferralCountReading>();
        return builder;
    }

    /// <summary>What the endpoints, the expiry job and the consumers share, one per request or message (scoped).</summary>
    public static IServiceCollection AddReferralSlices(this IServiceCollection services)
    {
        services.AddSingleton<ProfileSeal>();
        services.AddScoped<SurvivorRecords>();
        services.AddScoped<ConsentRecords>();
        services.AddScoped<ConsentRevocation>();
        services.AddScoped<ReferralSending>();
        services.AddScoped<ReferralTransition>();
        services.AddScoped<StatusChanging>();
        return services;
    }

    /// <summary>
    /// The consumers of everything about referrals, on this service's one referral queue
    /// (<c>&lt;service&gt;-referrals</c>), where other services send point to point.
    /// </summary>
    public static IBusRegistrationConfigurator AddReferralConsumers(this IBusRegistrationConfigurator bus, string serviceName)
    {
        var queue = ServiceNames.ReferralQueue(serviceName);
        bus.AddConsumer<ReferralRequestedConsumer>().Endpoint(e => e.Name = queue);
        bus.AddConsumer<ReferralReceivedConsumer>().Endpoint(e => e.Name = queue);
        bus.AddConsumer<ReferralStatusChangedConsumer>().Endpoint(e => e.Name = queue);
        bus.AddConsumer<ConsentWithdrawnConsumer>().Endpoint(e => e.Name = queue);
        bus.AddConsumer<PersonalDataPurgedConsumer>().Endpoint(e => e.Name = queue);
        bus.AddConfigureEndpointsCallback((name, endpoint) =>
        {
            if (name != queue)
                return;
            // A Fault<T> event would copy the whole message, personal data included, to every subscriber.
            endpoint.PublishFaults = false;
            // Only what is sent to this queue arrives: no message-type exchange is bound to it, so a
            // Publish of a referral message (by anyone on the broker) reaches no service.
            endpoint.ConfigureConsumeTopology = false;
            // What each service sends this one comes through an exchange of its own (only it may
            // write there, see BrokerAccounts), bound here to this queue's exchange.
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                foreach (var sender in BrokerAccounts.Services)
                    rabbit.Bind(BrokerAccounts.ReferralExchange(sender, serviceName));
            }
        });
        return bus;
    }
}
