using ReferralNet.Portal.Capacity;

namespace ReferralNet.Portal.Shared;

public static class PartnerServicesExtensions
{
    /// <summary>REST and gRPC clients for the services, on behalf of the signed-in organisation.</summary>
    public static WebApplicationBuilder AddPartnerServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PortalOptions>().BindConfiguration("ReferralNet");
        builder.Services.AddHttpClient(PartnerApi.ClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        builder.Services.AddScoped<PartnerApi>();
        builder.Services.AddSingleton<LookupChannels>();
        builder.Services.AddScoped<CapacityFinder>();
        builder.Services.AddSingleton<ReferralNet.Portal.Operations.BrokerProbe>();
        return builder;
    }
}
