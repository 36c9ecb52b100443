using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ReferralNet.Referrals.Consent;
using ReferralNet.ServiceDefaults.Identity;
using ReferralNet.Referrals.Operations;

namespace ReferralNet.Referrals;

/// <summary>Registers the referral engine in a service.</summary>
public static class ReferralEngineExtensions
{
    /// <summary>
    /// The engine, the consent expiry job, the reading of referral counts for the metrics, and (unless the service registered its own) a recipient
    /// with no capacity to track.
    /// </summary>
    public static IHostApplicationBuilder AddReferralEngine(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddScoped<IReferralRecipient, NoRecipientEffects>();
        builder.Services.AddScoped<ReferralEngine>();
        builder.Services.AddHostedService<ConsentExpiry>();
        builder.Services.AddOptions<OperationsOptions>().BindConfiguration(OperationsOptions.Section);
        builder.Services.AddHostedService<ReferralCountReading>();
        return builder;
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
        // A Fault<T> event would copy the whole message, personal data included, to every subscriber.
        bus.AddConfigureEndpointsCallback((name, endpoint) =>
        {
            if (name == queue)
                endpoint.PublishFaults = false;
        });
        return bus;
    }
}
