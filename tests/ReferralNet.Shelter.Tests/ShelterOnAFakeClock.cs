using Microsoft.Extensions.Time.Testing;
using ReferralNet.Testing;
using Xunit;

namespace ReferralNet.Shelter.Tests;

/// <summary>
/// One Shelter service shared by the tests of a class, on a clock only the tests move. The
/// background hold sweep is set a day apart so that only the tests decide when holds are swept.
/// </summary>
public sealed class ShelterOnAFakeClock(BrokerFixture broker) : IAsyncLifetime
{
    RunningShelter? _shelter;

    /// <summary>Starts at 2000-01-01 UTC, far from the real clock, so any use of the real clock shows.</summary>
    public FakeTimeProvider Clock { get; } = new();

    public RunningShelter Shelter => _shelter ?? throw new InvalidOperationException("xunit has not initialised the fixture yet");

    public async ValueTask InitializeAsync() =>
        _shelter = await RunningShelter.StartAsync(broker, Clock, new Dictionary<string, string?>
        {
            ["ReferralNet:Beds:HoldSweepInterval"] = "1.00:00:00",
        });

    public async ValueTask DisposeAsync()
    {
        if (_shelter is not null)
            await _shelter.DisposeAsync();
    }
}
