namespace ReferralNet.AppHost;

/// <summary>What every ReferralNet service gets from the AppHost besides its own ports.</summary>
public sealed record ReferralNetServiceDefaults(
    IResourceBuilder<RabbitMqBrokerResource> RabbitMq,
    string DataDirectory,
    string SeedsDirectory);
