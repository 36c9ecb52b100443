namespace ReferralNet.AppHost;

public static class ReferralNetServiceExtensions
{
    public const string RestEndpointName = "rest";
    public const string GrpcEndpointName = "grpc";

    /// <summary>
    /// Adds a ReferralNet service on its fixed loopback ports from deploy/network.env: REST (HTTP/1.1 and HTTP/2) and gRPC (h2c).
    /// The service binds both itself from ReferralNet__RestUrl and ReferralNet__GrpcUrl.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddReferralNetService<TProject>(
        this IDistributedApplicationBuilder builder,
        [ResourceName] string name,
        LocalNetwork network,
        ReferralNetServiceDefaults defaults)
        where TProject : IProjectMetadata, new()
    {
        var databasePath = Path.Combine(defaults.DataDirectory, name, $"{name}.db");

        // No launch profile and no Kestrel endpoints from the service's own settings: the ports below
        // are the only ones, and Aspire sets no ASPNETCORE_URLS / HTTP_PORTS that could compete.
        var service = builder.AddProject<TProject>(name, options =>
            {
                options.ExcludeLaunchProfile = true;
                options.ExcludeKestrelEndpoints = true;
            })
            .WithLoopbackEndpoint(RestEndpointName, network.RestPort(name), "http")
            .WithLoopbackEndpoint(GrpcEndpointName, network.GrpcPort(name), "http", transport: "http2")
            .WithEndpointsInEnvironment(_ => false);

        return service
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", defaults.Environment)
            .WithEnvironment("ReferralNet__Identity__Authority", defaults.IdentityAuthority)
            .WithEnvironment("ReferralNet__RestUrl", service.GetEndpoint(RestEndpointName))
            .WithEnvironment("ReferralNet__GrpcUrl", service.GetEndpoint(GrpcEndpointName))
            .WithEnvironment("ReferralNet__DatabasePath", databasePath)
            .WithEnvironment("ReferralNet__SeedsPath", defaults.SeedsDirectory)
            // Every service publishes its public sealing key here and seals to the others' (its private key stays in its own folder).
            .WithEnvironment("ReferralNet__Keys__Directory", Path.Combine(defaults.DataDirectory, "keys"))
            .OnBeforeResourceStarted((_, _, _) =>
            {
                Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
                return Task.CompletedTask;
            })
            // Its own broker account: it may touch only its own queues and exchanges.
            .WithEnvironment("ConnectionStrings__rabbitmq", defaults.RabbitMq.Resource.ConnectionStringFor(name))
            .WaitFor(defaults.RabbitMq)
            .WithHttpHealthCheck("/health", endpointName: RestEndpointName);
    }
}
