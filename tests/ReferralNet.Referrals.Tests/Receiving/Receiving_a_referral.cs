namespace ReferralNet.Referrals.Tests.Receiving;

/// <summary>Receiving a referral: the recipient keeps only what consent let through, once.</summary>
public sealed class Receiving_a_referral : EngineOnSqlite
{
    [Fact]
    public async Task Stores_no_personal_data_of_a_message_without_a_consent_reference()
    {
        var canaries = new Canaries();
        var message = Crafted(canaries, consentId: null, shared: AllCategories);

        await DeliverAsync<ReferralRequestedConsumer>(e => e.ApplyAsync(message, default));

        var stored = await ReceivedAsync(message.ReferralId);
        Assert.Empty(stored.SharedCategories);
        AssertNoPersonalData(stored);
        Assert.Equal(message.Needs.Languages, stored.NeedLanguages);
        Assert.Equal(message.Needs.Dependants, stored.NeedDependants);
        Assert.Equal(Bed, stored.Service);
    }

    [Fact]
    public async Task Drops_the_fields_of_categories_that_were_not_shared()
    {
        var canaries = new Canaries();
        var message = Crafted(canaries, consentId: "c-00000000000000cc", shared: ["contact", "not-a-category"]);

        await DeliverAsync<ReferralRequestedConsumer>(e => e.ApplyAsync(message, default));

        var stored = await ReceivedAsync(message.ReferralId);
        Assert.Equal(new[] { "contact" }, stored.SharedCategories);
        Assert.Equal((canaries.Phone, canaries.Email), (stored.Profile.Phone, stored.Profile.Email));
        Assert.Null(stored.Profile.GivenName);
        Assert.Null(stored.Profile.FamilyName);
        Assert.Null(stored.Profile.DateOfBirth);
        Assert.Null(stored.Profile.Gender);
        Assert.Null(stored.Profile.HealthNotes);
        Assert.Null(stored.Profile.LegalStatusNotes);
        Assert.Null(stored.Profile.CaseNotes);
        Assert.Null(stored.Profile.Note);
        AssertHoldsNone(JsonSerializer.Serialize(stored), canaries.All.Except([canaries.Phone, canaries.Email]));
    }

    [Fact]
    public async Task Ignores_a_referral_that_arrives_twice()
    {
        var message = Crafted(new Canaries(), consentId: null, shared: []);

        await DeliverAsync<ReferralRequestedConsumer>(e => e.ApplyAsync(message, default));
        clock.Advance(TimeSpan.FromMinutes(3));
        await DeliverAsync<ReferralRequestedConsumer>(e => e.ApplyAsync(message with { Priority = "asap" }, default));

        var stored = await ReceivedAsync(message.ReferralId);
        Assert.Equal("routine", stored.Priority);
        Assert.Equal(1, await Db(db => db.Set<AuditEntry>().CountAsync(a => a.ReferralId == message.ReferralId)));
        var receipt = Assert.Single(await OutboxAsync());
        Assert.Equal(typeof(ReferralReceived).FullName, receipt.MessageType);
        Assert.Equal(SenderQueue, receipt.Destination);
    }

    [Fact]
    public async Task Shows_the_sender_when_its_referral_was_received()
    {
        var survivor = await RegisterAsync();
        var sent = (await SendAsync(survivor.Id)).Value!;
        clock.Advance(TimeSpan.FromSeconds(5));
        var receivedAt = clock.GetUtcNow();

        await DeliverReferralAsync(sent.Id);
        var receipt = await LastMessageAsync<ReferralReceived>();
        await DeliverAsync<ReferralReceivedConsumer>(e => e.ConfirmReceiptAsync(receipt, default));

        var mine = await SentAsync(sent.Id);
        Assert.Equal(receivedAt, mine.ReceivedAt);
        Assert.Equal(receivedAt, (await ReceivedAsync(sent.Id)).ReceivedAt);
    }

    [Theory]
    [InlineData("Ana Example")]
    [InlineData("es; she lives at 12 Elm Street")]
    public async Task Refuses_a_message_with_free_text_in_its_languages_whole(string smuggled)
    {
        var crafted = Crafted(new Canaries(), consentId: null, shared: []);
        var message = crafted with { Needs = crafted.Needs with { Languages = ["es", smuggled] } };

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => DeliverAsync<ReferralRequestedConsumer>(e => e.ApplyAsync(message, default)));

        Assert.Equal("a ReferralRequested arrived with needs.languages[1] is not a language tag: use BCP 47 language tags such as es, pt-BR or zh-Hant-TW "
            + "(a language of 2-3 or 5-8 letters, then optional script, region and variant subtags); names, places and sentences do not belong here; it cannot be applied", refused.Message);
        Assert.Equal(0, await Db(db => db.Set<Referral>().CountAsync()));
    }

    [Theory]
    [InlineData("rf-1", null)]
    [InlineData("RF-0123456789ABCDEF", null)]
    [InlineData("rf-0123456789abcdef", "c-'; DROP TABLE consents; --")]
    public async Task Refuses_a_message_whose_ids_are_not_of_the_engines_shape(string referralId, string? consentId)
    {
        var message = Crafted(new Canaries(), consentId: consentId, shared: []) with { ReferralId = referralId };

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => DeliverAsync<ReferralRequestedConsumer>(e => e.ApplyAsync(message, default)));

        Assert.EndsWith("is not a c- id of 16 hex digits; it cannot be applied".Replace("c-", consentId is null ? "rf-" : "c-"), refused.Message);
        Assert.Equal(0, await Db(db => db.Set<Referral>().CountAsync()));
    }
}
