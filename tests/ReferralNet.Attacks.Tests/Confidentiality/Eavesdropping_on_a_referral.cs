using ReferralNet.Testing;

namespace ReferralNet.Attacks.Tests.Confidentiality;

/// <summary>
/// A client with an account on the broker binds a queue of its own to the exchange that feeds the
/// shelter's referral queue and reads a consented referral as it goes by: it must find none of the
/// survivor's personal values in the body or the headers, while the shelter itself reads them all.
/// </summary>
public sealed class Eavesdropping_on_a_referral(BrokerFixture broker)
{
    [Fact]
    public async Task A_referral_read_on_its_way_through_the_broker_shows_no_personal_value()
    {
        await using var network = await InProcessNetwork.StartAsync(broker);
        await using var reader = await BrokerReader.ConnectAsync(network.BrokerConnectionString);
        var tap = await reader.TapAsync("shelter-referrals");
        var values = new PersonalValues();
        var caseworker = new Caseworker(network.ClientFor(SeededOrganisations.Find("justice-bridge")), network.ClientFor(SeededOrganisations.Find(Caseworker.Recipient)));
        var (survivor, _) = await caseworker.ConsentedSurvivorAsync(values);

        var referral = await caseworker.ReferAsync(survivor, values);

        var atRecipient = await Eventually.ReturnsAsync(() => caseworker.AtRecipientAsync(referral), view => view is not null, "the referral at the shelter");
        Assert.Equal(values.All, values.FoundIn(atRecipient!)); // the recipient opened it: every value is there
        var seen = (await reader.PeekAsync(tap)).Where(m => m.Contains(referral, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(seen);
        foreach (var message in seen)
            Assert.True(values.FoundIn(message).Count == 0, $"the eavesdropper read {string.Join(", ", values.FoundIn(message))} in:\n{message}");
    }
}
