using System.Net;
using ReferralNet.ServiceDefaults.Identity;
using ReferralNet.Testing;

namespace ReferralNet.EndToEnd.Tests.Referrals;

public sealed class Who_sees_a_referral(ReferralNetwork network) : IClassFixture<ReferralNetwork>
{
    // Every service kind sends and receives, and two pairs share a service (shelter to shelter,
    // legal aid to legal aid), where both sides' records live in one database.
    static readonly (string From, string To, string Service)[] Referrals =
    [
        ("harbour-house", "st-mary-clinic", "medical:trauma-care"),
        ("justice-bridge", "safe-haven", "bed:family"),
        ("safe-haven", "riverside-refuge", "bed:women"),
        ("new-paths", "open-door-law", "legal:asylum"),
        ("valley-health", "skills-forward", "vocational:education"),
        ("open-door-law", "justice-bridge", "legal:u-visa"),
    ];

    [Fact]
    public async Task Only_the_sender_and_the_recipient_see_a_referral_and_every_other_organisation_gets_a_404()
    {
        var sent = new List<(string Id, string From, string To)>();
        foreach (var (from, to, service) in Referrals)
        {
            var desk = network.Desk(from);
            var survivorId = await desk.RegisterSurvivorAsync(new { givenName = "Test" });
            sent.Add((await desk.ReferAsync(survivorId, to, service), from, to));
        }
        foreach (var (id, from, to) in sent)
            await network.Desk(from).ReferralWhenAsync(id, r => r.ReceivedAt is not null, $"{to} received {id}");

        Assert.Equal(10, SeededOrganisations.All.Count);
        foreach (var organisation in SeededOrganisations.All)
        {
            var desk = network.Desk(organisation.Id);
            foreach (var (id, from, to) in sent)
            {
                var answer = await desk.GetReferralAsync(id);
                var expected = organisation.Kind == OrganisationKinds.Operator ? HttpStatusCode.Forbidden
                    : organisation.Id == from || organisation.Id == to ? HttpStatusCode.OK
                    : HttpStatusCode.NotFound;
                Assert.True((int)expected == answer.Status, $"{organisation.Id} reading {id} ({from} to {to}): expected {(int)expected}, got {answer.Status}");
                if (expected == HttpStatusCode.OK)
                    Assert.Equal(organisation.Id == from ? "sent" : "received", (await desk.ReferralAsync(id)).Direction);
            }
            if (organisation.Kind == OrganisationKinds.Operator)
                continue;
            var listed = (await desk.ReferralsAsync()).Select(r => r.Id).Order();
            Assert.Equal(sent.Where(r => r.From == organisation.Id || r.To == organisation.Id).Select(r => r.Id).Order(), listed);
        }
    }
}
