namespace ReferralNet.Messaging.Sealing;

/// <summary>The <c>ReferralNet:Keys</c> settings: where a service's sealing keys live.</summary>
public sealed class SealingOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "ReferralNet:Keys";

    /// <summary>The environment besides Development in which <see cref="Plaintext"/> may be on: the benchmark's.</summary>
    public const string BenchmarkEnvironment = "Benchmark";

    /// <summary>
    /// The folder of every service's public key, <c>&lt;service&gt;.pub</c>, which senders seal to;
    /// each service writes its own there on start. Default: <c>keys</c> beside the database. The
    /// AppHost gives deploy/.data/keys; in a cluster a ConfigMap mounted read-only.
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>The service's private key file (mode 0600), created on first start. Default: <c>&lt;service&gt;.key</c> beside the database.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>
    /// Sends and accepts personal data unsealed. For the benchmark's comparison only: refused at
    /// start-up outside the Development and Benchmark environments.
    /// </summary>
    public bool Plaintext { get; set; }
}
