using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ReferralNet.Testing;

namespace ReferralNet.EndToEnd.Tests.Referrals;

/// <summary>
/// The in-process network shared by the tests of one class (each test makes its own survivors and
/// referrals, so they do not see one another's), with each seeded organisation's desk at the
/// service that hosts it.
/// </summary>
public sealed class ReferralNetwork(BrokerFixture broker) : IAsyncLifetime
{
    InProcessNetwork? network;

    public InProcessNetwork Hosts => network ?? throw new InvalidOperationException("the network has not started yet");

    /// <summary>The virtual host the four services share; a test's tap queues go here too.</summary>
    public string BrokerConnectionString => Hosts.BrokerConnectionString;

    public async ValueTask InitializeAsync() => network = await InProcessNetwork.StartAsync(broker);

    /// <summary>A seeded organisation's staff at the service that hosts its kind (operators: at Shelter).</summary>
    public Desk Desk(string organisationId)
    {
        var organisation = SeededOrganisations.Find(organisationId);
        return new Desk(organisation.Id, Hosts.ClientFor(organisation));
    }

    /// <summary>A service's bus, to put messages on the broker as that service would.</summary>
    public IBus BusOf(string service) => Hosts.ServicesOf(service).GetRequiredService<IBus>();

    /// <summary>Waits until a consumer has finished with <paramref name="count"/> deliveries of this message id.</summary>
    public Task ConsumedAsync(Guid messageId, int count, string what) =>
        Eventually.HoldsAsync(() => Hosts.Spans().Count(s => s.Kind == ActivityKind.Consumer
            && s.TagObjects.Any(t => t.Key == "messaging.message.id" && t.Value?.ToString() == messageId.ToString())) >= count, what);

    public async ValueTask DisposeAsync()
    {
        if (network is not null)
            await network.DisposeAsync();
    }
}
