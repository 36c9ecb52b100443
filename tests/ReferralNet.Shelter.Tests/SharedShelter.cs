using ReferralNet.Testing;
using Xunit;

namespace ReferralNet.Shelter.Tests;

/// <summary>
/// One Shelter service shared by the tests of a class (they run one after another), on the real
/// clock. Tests that change beds each use a shelter and bed type no other test in the class needs.
/// </summary>
public sealed class SharedShelter(BrokerFixture broker) : IAsyncLifetime
{
    RunningShelter? _shelter;

    public RunningShelter Shelter => _shelter ?? throw new InvalidOperationException("xunit has not initialised the fixture yet");

    public async ValueTask InitializeAsync() => _shelter = await RunningShelter.StartAsync(broker);

    public async ValueTask DisposeAsync()
    {
        if (_shelter is not null)
            await _shelter.DisposeAsync();
    }
}
