namespace ReferralNet.AppHost;

public static class ReferralNetPortalExtensions
{
    /// <summary>
    /// Adds the partner portal on a fixed loopback port. It calls each service's REST and gRPC
    /// endpoints (given as ReferralNet__Services__&lt;name&gt;__Rest / __Grpc), subscribes to bed
    /// changes on the broker, and links operators to traces in the dashboard.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddReferralNetPortal<TProject>(
        this IDistributedApplicationBuilder builder,
        [ResourceName] string name,
        int port,
        IReadOnlyList<IResourceBuilder<ProjectResource>> partnerServices,
        ReferralNetServiceDefaults defaults,
        string dashboardUrl)
        where TProject : IProjectMetadata, new()
    {
        var portal = builder.AddProject<TProject>(name, options =>
            {
                options.ExcludeLaunchProfile = true;
                options.ExcludeKestrelEndpoints = true;
            })
            .WithLoopbackEndpoint(ReferralNetServiceExtensions.RestEndpointName, port, "http")
            .WithEndpointsInEnvironment(_ => false);

        portal
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", defaults.Environment)
            .WithEnvironment("ReferralNet__Identity__Authority", defaults.IdentityAuthority)
            .WithEnvironment("ReferralNet__RestUrl", portal.GetEndpoint(ReferralNetServiceExtensions.RestEndpointName))
            .WithEnvironment("ReferralNet__SeedsPath", defaults.SeedsDirectory)
            .WithEnvironment("ReferralNet__DashboardUrl", dashboardUrl)
            // Its own broker account: it may only read bed changes, on its own queue.
            .WithEnvironment("ConnectionStrings__rabbitmq", defaults.RabbitMq.Resource.ConnectionStringFor(ReferralNet.Broker.BrokerAccounts.PortalName))
            .WaitFor(defaults.RabbitMq)
            .WithHttpHealthCheck("/health", endpointName: ReferralNetServiceExtensions.RestEndpointName);

        foreach (var service in partnerServices)
        {
            var serviceName = service.Resource.Name;
            portal
                .WithEnvironment($"ReferralNet__Services__{serviceName}__Rest", service.GetEndpoint(ReferralNetServiceExtensions.RestEndpointName))
                .WithEnvironment($"ReferralNet__Services__{serviceName}__Grpc", service.GetEndpoint(ReferralNetServiceExtensions.GrpcEndpointName))
                .WaitFor(service);
        }
        return portal;
    }
}
