using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace ReferralNet.ServiceDefaults.Tests.Edges;

/// <summary>Outside Development a service listens in plaintext on loopback only, unless TLS ends in front of it.</summary>
public sealed class Plaintext_listeners
{
    static WebApplicationBuilder Service(string environment, IReadOnlyDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }

    [Theory]
    [InlineData("ReferralNet:RestUrl", "http://0.0.0.0:5101")]
    [InlineData("ReferralNet:GrpcUrl", "http://10.1.2.3:5201")]
    public void A_production_service_on_another_address_refuses_to_start_and_names_the_setting(string key, string url)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Service("Production", new Dictionary<string, string?> { [key] = url }).AddServiceDefaults());
        Assert.Contains(key, refused.Message);
        Assert.Contains("ReferralNet__PlaintextBehindTls", refused.Message);
    }

    [Theory]
    [InlineData("Production", "http://127.0.0.1:5101", null)]
    [InlineData("Production", "http://0.0.0.0:5101", "true")]
    [InlineData("Development", "http://0.0.0.0:5101", null)]
    public void Starts_on_loopback_behind_tls_or_in_development(string environment, string url, string? behindTls) =>
        Service(environment, new Dictionary<string, string?> { ["ReferralNet:RestUrl"] = url, ["ReferralNet:PlaintextBehindTls"] = behindTls }).AddServiceDefaults();
}
