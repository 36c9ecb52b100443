using ReferralNet.Testing;

namespace ReferralNet.Attacks.Tests.Confidentiality;

/// <summary>
/// While the broker is down a consented referral waits in the origin's outbox; the survivor
/// withdraws the consent before it leaves. When the broker comes back, nothing personal may reach
/// the shelter, not even sealed: the eavesdropper on the shelter's exchange and the shelter's own
/// copy both show none of it.
/// </summary>
public sealed class An_unsent_referral_after_a_revocation
{
    [Fact]
    public async Task A_referral_still_in_the_outbox_when_consent_is_withdrawn_arrives_without_personal_data()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var network = await ProcessNetwork.StartAsync(new ProcessNetworkOptions
        {
            Name = "attack-outbox",
            Checkout = Checkout.Find(),
            Configuration = Checkout.ConfigurationOf(typeof(An_unsent_referral_after_a_revocation).Assembly),
            Services = ["LegalAid", "Shelter"],
            Settings = new Dictionary<string, string> { ["ReferralNet:Outbox:PollingInterval"] = "00:00:01" },
        }, ct);
        string tap;
        await using (var reader = await BrokerReader.ConnectAsync(network.ConnectionString))
            tap = await reader.TapAsync("shelter-referrals");
        var values = new PersonalValues();
        using var sender = Client(network["LegalAid"], "justice-bridge");
        using var recipient = Client(network["Shelter"], Caseworker.Recipient);
        var caseworker = new Caseworker(sender, recipient);
        var (survivor, consent) = await caseworker.ConsentedSurvivorAsync(values);

        await network.Broker!.StopAsync();
        var referral = await caseworker.ReferAsync(survivor, values);
        await caseworker.RevokeAsync(consent);
        await network.Broker.StartAgainAsync(ct);

        var atRecipient = await Eventually.ReturnsAsync(() => caseworker.AtRecipientAsync(referral), view => view is not null, "the referral at the shelter", TimeSpan.FromSeconds(120));
        Assert.True(values.FoundIn(atRecipient!).Count == 0, $"the shelter holds {string.Join(", ", values.FoundIn(atRecipient!))}");
        await using var eavesdropper = await BrokerReader.ConnectAsync(network.ConnectionString);
        var seen = (await eavesdropper.PeekAsync(tap)).Where(m => m.Contains(referral, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(seen);
        foreach (var message in seen)
        {
            Assert.True(values.FoundIn(message).Count == 0, $"on the wire after the revocation: {string.Join(", ", values.FoundIn(message))}\n{message}");
            Assert.False(message.Contains("ciphertext", StringComparison.Ordinal), $"the withdrawn profile still went to the shelter, sealed:\n{message}");
        }
    }

    static HttpClient Client(ServiceProcess service, string organisationId)
    {
        var client = new HttpClient { BaseAddress = service.RestUrl };
        client.DefaultRequestHeaders.Add("X-Api-Key", SeededOrganisations.Find(organisationId).ApiKey);
        return client;
    }
}
