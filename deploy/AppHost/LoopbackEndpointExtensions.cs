namespace ReferralNet.AppHost;

public static class LoopbackEndpointExtensions
{
    public const string Loopback = "127.0.0.1";

    /// <summary>
    /// Declares an endpoint the resource binds itself on 127.0.0.1 at a fixed port. Not proxied:
    /// services, the portal, tests and operators all use the documented ports directly, and a second
    /// listener in front of each would only be one more hop.
    /// </summary>
    public static IResourceBuilder<T> WithLoopbackEndpoint<T>(
        this IResourceBuilder<T> builder, string name, int port, string scheme, string? transport = null)
        where T : IResourceWithEndpoints =>
        builder
            .WithEndpoint(port: port, targetPort: port, scheme: scheme, name: name, isProxied: false)
            .WithEndpoint(name, endpoint =>
            {
                endpoint.TargetHost = Loopback;
                if (transport is not null)
                    endpoint.Transport = transport;
            });
}
