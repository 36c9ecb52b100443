using Microsoft.Extensions.Configuration;
using ReferralNet.Messaging.Sealing;

namespace ReferralNet.Messaging.Authenticity;

/// <summary>
/// Whether a service stamps its broker user on what it sends and checks it on what it receives
/// (<see cref="AuthenticityFilter{T}"/>): always, except when <see cref="Key"/> turns it off for the
/// benchmark's comparison, which only the Development and Benchmark environments allow.
/// </summary>
public static class AuthenticitySwitch
{
    /// <summary>The configuration key that turns authenticity off (a bool, false unless set).</summary>
    public const string Key = "ReferralNet:Messaging:Unauthenticated";

    /// <summary>
    /// True unless <see cref="Key"/> is on; throws <see cref="InvalidOperationException"/> when it is
    /// on in any environment but Development and Benchmark.
    /// </summary>
    public static bool IsOn(IConfiguration configuration, string environment)
    {
        if (!configuration.GetValue(Key, false))
            return true;
        if (environment is not ("Development" or SealingOptions.BenchmarkEnvironment))
            throw new InvalidOperationException(
                $"{Key} is on in the '{environment}' environment: any broker account could act for any organisation. " +
                $"It is for the benchmark's comparison only (environments Development and {SealingOptions.BenchmarkEnvironment}); remove the setting");
        return false;
    }
}
