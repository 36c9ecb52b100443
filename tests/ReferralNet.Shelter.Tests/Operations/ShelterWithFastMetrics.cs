using ReferralNet.Testing;
using Xunit;

namespace ReferralNet.Shelter.Tests.Operations;

/// <summary>
/// One Shelter service whose gauges are read from its database ten times a second, so that tests
/// see a change without waiting the production interval.
/// </summary>
public sealed class ShelterWithFastMetrics(BrokerFixture broker) : IAsyncLifetime
{
    RunningShelter? _shelter;

    public RunningShelter Shelter => _shelter ?? throw new InvalidOperationException("xunit has not initialised the fixture yet");

    public async ValueTask InitializeAsync() =>
        _shelter = await RunningShelter.StartAsync(broker, settings: new Dictionary<string, string?>
        {
            ["ReferralNet:Operations:MetricsInterval"] = "00:00:00.100",
        });

    public async ValueTask DisposeAsync()
    {
        if (_shelter is not null)
            await _shelter.DisposeAsync();
    }
}
