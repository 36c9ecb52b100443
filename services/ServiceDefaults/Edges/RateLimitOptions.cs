namespace ReferralNet.ServiceDefaults.Edges;

/// <summary>
/// <c>ReferralNet:RateLimits</c>: a token bucket per signed-in organisation (REST and gRPC alike),
/// and one per remote address for calls without a valid key. The defaults leave room for the
/// benchmarks (about 1,000 gRPC calls and 100+ referrals a second from one organisation).
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "ReferralNet:RateLimits";

    /// <summary>Calls per second an organisation may keep up.</summary>
    public int PerOrganisationPerSecond { get; set; } = 2_000;

    /// <summary>Calls an organisation may make at once above that rate (the bucket's size).</summary>
    public int PerOrganisationBurst { get; set; } = 4_000;

    /// <summary>Calls per second from one remote address that carry no valid credentials.</summary>
    public int AnonymousPerSecond { get; set; } = 500;

    /// <summary>The bucket's size for calls without valid credentials from one remote address.</summary>
    public int AnonymousBurst { get; set; } = 1_000;
}
