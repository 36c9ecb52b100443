using Microsoft.Extensions.Configuration;
using ReferralNet.Messaging.Authenticity;
using ReferralNet.Messaging.Sealing;

namespace ReferralNet.Messaging.Tests.Authenticity;

public sealed class Authenticity_switch
{
    static IConfiguration Settings(string? unauthenticated) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [AuthenticitySwitch.Key] = unauthenticated })
        .Build();

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public void Authenticity_is_on_unless_turned_off(string environment)
    {
        Assert.True(AuthenticitySwitch.IsOn(Settings(null), environment));
        Assert.True(AuthenticitySwitch.IsOn(Settings("false"), environment));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Turning_it_off_is_refused_outside_development_and_the_benchmark(string environment)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => AuthenticitySwitch.IsOn(Settings("true"), environment));

        Assert.Contains($"ReferralNet:Messaging:Unauthenticated is on in the '{environment}' environment", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData(SealingOptions.BenchmarkEnvironment)]
    public void It_may_be_turned_off_for_development_and_the_benchmark(string environment)
    {
        Assert.False(AuthenticitySwitch.IsOn(Settings("true"), environment));
    }
}
