using System.Collections.Concurrent;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;
using ReferralNet.Portal.Shared;

namespace ReferralNet.Portal.Capacity;

/// <summary>One gRPC (h2c) channel per service, shared by every circuit: channels are meant to be reused.</summary>
public sealed class LookupChannels(IOptions<PortalOptions> options) : IDisposable
{
    readonly ConcurrentDictionary<string, GrpcChannel> _channels = new(StringComparer.OrdinalIgnoreCase);

    public GrpcChannel For(string service) => _channels.GetOrAdd(service, name =>
    {
        var url = options.Value.EndpointOf(name).Grpc;
        if (string.IsNullOrEmpty(url))
            throw new InvalidOperationException($"ReferralNet:Services:{name}:Grpc is not set: give the {name} service's gRPC URL (the AppHost sets it)");
        return GrpcChannel.ForAddress(url);
    });

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
            channel.Dispose();
    }
}
