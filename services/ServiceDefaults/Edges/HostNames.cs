using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ReferralNet.ServiceDefaults.Edges;

/// <summary>
/// The host names a service answers to: the loopback names, plus those listed in
/// <c>ReferralNet:AllowedHosts</c> (e.g. <c>shelter.referralnet.example</c>). A request whose
/// <c>Host</c> (or HTTP/2 <c>:authority</c>) names anything else gets 400: no wildcard.
/// </summary>
public static class HostNames
{
    /// <summary>The configuration key: an array, or one string of names separated by ';'.</summary>
    public const string AllowedHostsKey = "ReferralNet:AllowedHosts";

    /// <summary>Always allowed: this machine.</summary>
    public static readonly IReadOnlyList<string> Loopback = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>Replaces <c>AllowedHosts: *</c> with the loopback names and the configured ones.</summary>
    public static IServiceCollection AddReferralNetHostFiltering(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(AllowedHostsKey);
        var configured = section.Value is { } list
            ? list.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value ?? "").Where(v => v.Length > 0);
        var allowed = Loopback.Concat(configured.Where(name => name != "*")).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        services.Configure<HostFilteringOptions>(filtering =>
        {
            filtering.AllowedHosts = allowed;
            filtering.AllowEmptyHosts = false;
            filtering.IncludeFailureMessage = true;
        });
        return services;
    }
}
