using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using ReferralNet.Client;
using ReferralNet.Contracts.Api;
using ReferralNet.Testing;

namespace ReferralNet.Attacks.Tests.Broker;

/// <summary>
/// The four services on one virtual host, and what an attacker who took over one of them holds:
/// that service's own broker connection string. Forged messages are written as MassTransit writes
/// them, with a raw RabbitMQ client.
/// </summary>
public sealed class ForgeryNetwork(BrokerFixture broker) : IAsyncLifetime
{
    InProcessNetwork? _network;

    public InProcessNetwork Hosts => _network ?? throw new InvalidOperationException("the network has not started yet");

    public async ValueTask InitializeAsync() => _network = await InProcessNetwork.StartAsync(broker);

    public async ValueTask DisposeAsync()
    {
        if (_network is not null)
            await _network.DisposeAsync();
    }

    /// <summary>The REST API of a seeded organisation, at the service that hosts it.</summary>
    public ServiceApi Api(string organisationId) => new(Hosts.ClientFor(SeededOrganisations.Find(organisationId)));

    /// <summary>The broker connection string <paramref name="service"/> runs with.</summary>
    public string ConnectionOf(string service) =>
        Hosts.ServicesOf(service).GetRequiredService<IConfiguration>().GetConnectionString("rabbitmq")!;

    /// <summary>The broker user <paramref name="service"/> logs in as.</summary>
    public string UserOf(string service) => Uri.UnescapeDataString(new Uri(ConnectionOf(service)).UserInfo.Split(':')[0]);

    /// <summary>
    /// justice-bridge (LegalAid) refers a survivor to harbour-house (Shelter), sharing identity under
    /// a consent; returns once Shelter holds the referral.
    /// </summary>
    public async Task<(string ReferralId, string ConsentId)> ReferAsync()
    {
        var sender = Api("justice-bridge");
        var survivor = (await sender.RegisterSurvivorAsync(new SurvivorRegistration(GivenName: "Forgery", FamilyName: "Target", Dependants: 1))).Value!.Id;
        var consent = (await sender.RecordConsentAsync(survivor, new ConsentRequest("harbour-house", ["identity"], "written"))).Value!.Id;
        var referral = (await sender.ReferAsync(new ReferralRequest(survivor, "harbour-house", "bed:women", Share: ["identity"]))).Value!.Id;
        await Eventually.HoldsAsync(async () => (await Api("harbour-house").ReferralAsync(referral)).Ok, $"referral {referral} at harbour-house");
        return (referral, consent);
    }

    /// <summary>
    /// Publishes <paramref name="message"/> as a MassTransit message from <paramref name="attacker"/>'s
    /// account into <paramref name="target"/>'s referral queue, by every door the account might have:
    /// the queue's own exchange, then the exchange the attacker's service sends referrals through.
    /// Returns the message id, or null when the broker refused every door.
    /// </summary>
    public async Task<Guid?> ForgeAsync(string attacker, string target, object message, string? userId = null) =>
        await PublishAsync(attacker, [$"{target}-referrals", $"{attacker}-to-{target}-referrals"], message, userId ?? UserOf(attacker));

    /// <summary>Publishes to the first of <paramref name="exchanges"/> the account may write to and that routes it to a queue.</summary>
    public Task<Guid?> PublishAsync(string attacker, IReadOnlyList<string> exchanges, object message, string userId) =>
        EnvelopePublisher.PublishAsync(ConnectionOf(attacker), exchanges, message, userId, TestContext.Current.CancellationToken);

    /// <summary>Waits until message <paramref name="id"/> is in <paramref name="errorQueue"/> and returns its fault message.</summary>
    public async Task<string> FaultOfAsync(string errorQueue, Guid id)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = await new ConnectionFactory { Uri = new Uri(Hosts.BrokerConnectionString) }.CreateConnectionAsync(ct);
        return await Eventually.ReturnsAsync(async () =>
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
            try
            {
                for (var got = await channel.BasicGetAsync(errorQueue, autoAck: false, ct); got is not null; got = await channel.BasicGetAsync(errorQueue, autoAck: false, ct))
                {
                    if (got.BasicProperties.MessageId == id.ToString())
                        return got.BasicProperties.Headers?.TryGetValue("MT-Fault-Message", out var fault) == true ? Encoding.UTF8.GetString((byte[])fault!) : "(no fault message)";
                }
            }
            catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
            {
                // The error queue does not exist yet: nothing has failed there.
            }
            return null;
        }, fault => fault is not null, $"message {id} in {errorQueue}") ?? "";
    }
}
