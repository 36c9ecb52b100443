namespace ReferralNet.Portal.Shared;

/// <summary>One service's REST and gRPC (h2c) base URLs.</summary>
public sealed class ServiceEndpoint
{
    public string Rest { get; set; } = "";
    public string Grpc { get; set; } = "";
}
