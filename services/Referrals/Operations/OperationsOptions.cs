namespace ReferralNet.Referrals.Operations;

/// <summary>Settings of what operators watch (<c>ReferralNet:Operations</c>).</summary>
public sealed class OperationsOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "ReferralNet:Operations";

    /// <summary>How often the counts behind the gauges are read from the database.</summary>
    public TimeSpan MetricsInterval { get; set; } = TimeSpan.FromSeconds(5);
}
