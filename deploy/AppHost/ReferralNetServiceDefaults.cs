namespace ReferralNet.AppHost;

/// <summary>What every ReferralNet service gets from the AppHost besides its own ports.</summary>
/// <param name="Environment">The ASP.NET Core environment of every service, the identity service and the portal (see AppHost.cs).</param>
/// <param name="IdentityAuthority">The identity service's issuer URL: services validate tokens against it, the portal signs in with it.</param>
public sealed record ReferralNetServiceDefaults(
    IResourceBuilder<RabbitMqBrokerResource> RabbitMq,
    string DataDirectory,
    string SeedsDirectory,
    string Environment,
    string IdentityAuthority);
