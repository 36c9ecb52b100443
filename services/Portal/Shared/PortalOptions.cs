namespace ReferralNet.Portal.Shared;

/// <summary>Where the services and the dashboard are (section <c>ReferralNet</c>; the AppHost sets them).</summary>
public sealed class PortalOptions
{
    /// <summary>Each service by its short name (shelter, legalaid, medical, vocational).</summary>
    public Dictionary<string, ServiceEndpoint> Services { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The Aspire dashboard, for the operator's trace links; none when not set.</summary>
    public string? DashboardUrl { get; set; }

    public ServiceEndpoint EndpointOf(string service) =>
        Services.TryGetValue(service, out var endpoint) && endpoint.Rest is { Length: > 0 }
            ? endpoint
            : throw new InvalidOperationException($"ReferralNet:Services:{service}:Rest is not set: give the {service} service's REST URL (the AppHost sets it)");
}
