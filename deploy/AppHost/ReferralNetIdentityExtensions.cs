namespace ReferralNet.AppHost;

public static class ReferralNetIdentityExtensions
{
    /// <summary>
    /// Adds the identity service (OpenID Connect, staff accounts) on its fixed loopback port, with its
    /// own database and signing keys under the data folder. The portal's redirect addresses follow
    /// the portal's port.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddReferralNetIdentity<TProject>(
        this IDistributedApplicationBuilder builder,
        [ResourceName] string name,
        LocalNetwork network,
        ReferralNetServiceDefaults defaults)
        where TProject : IProjectMetadata, new()
    {
        var folder = Path.Combine(defaults.DataDirectory, name);
        var portal = $"http://{LoopbackEndpointExtensions.Loopback}:{network.Port("PORTAL_PORT")}";
        var identity = builder.AddProject<TProject>(name, options =>
            {
                options.ExcludeLaunchProfile = true;
                options.ExcludeKestrelEndpoints = true;
            })
            .WithLoopbackEndpoint(ReferralNetServiceExtensions.RestEndpointName, network.RestPort(name), "http")
            .WithEndpointsInEnvironment(_ => false);

        return identity
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", defaults.Environment)
            .WithEnvironment("ReferralNet__RestUrl", identity.GetEndpoint(ReferralNetServiceExtensions.RestEndpointName))
            .WithEnvironment("ReferralNet__DatabasePath", Path.Combine(folder, $"{name}.db"))
            .WithEnvironment("ReferralNet__SeedsPath", defaults.SeedsDirectory)
            .WithEnvironment("ReferralNet__Identity__PublicUrl", defaults.IdentityAuthority)
            .WithEnvironment("ReferralNet__Identity__PortalRedirectUri", $"{portal}/signin-oidc")
            .WithEnvironment("ReferralNet__Identity__PortalPostLogoutRedirectUri", $"{portal}/signout-callback-oidc")
            .OnBeforeResourceStarted((_, _, _) =>
            {
                Directory.CreateDirectory(folder);
                return Task.CompletedTask;
            })
            .WithHttpHealthCheck("/health", endpointName: ReferralNetServiceExtensions.RestEndpointName);
    }
}
