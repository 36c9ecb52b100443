namespace ReferralNet.Referrals.Tests.Sending;

/// <summary>Sending a referral: only what an active consent covers goes, and a refusal stores nothing.</summary>
public sealed class Sending_a_referral : EngineOnSqlite
{
    [Fact]
    public async Task Refuses_a_share_the_consent_does_not_cover_and_stores_nothing()
    {
        var survivor = await RegisterAsync();
        await ConsentAsync(survivor.Id, Recipient, "identity");

        var outcome = await SendAsync(survivor.Id, share: ["identity", "health"]);

        Assert.Equal(ErrorKind.Forbidden, outcome.Error);
        Assert.Contains("'health'", outcome.Message);
        Assert.Contains($"'{Recipient}'", outcome.Message);
        await AssertNothingSentAsync();
    }

    [Fact]
    public async Task Refuses_a_share_when_the_only_consent_is_for_another_recipient_and_stores_nothing()
    {
        var survivor = await RegisterAsync();
        await ConsentAsync(survivor.Id, Bystander, AllCategories);

        var outcome = await SendAsync(survivor.Id, share: ["contact"]);

        Assert.Equal(ErrorKind.Forbidden, outcome.Error);
        Assert.Contains("'contact'", outcome.Message);
        Assert.Contains($"'{Recipient}'", outcome.Message);
        await AssertNothingSentAsync();
    }

    [Fact]
    public async Task Sends_a_referral_without_consent_that_carries_no_personal_data_but_its_needs()
    {
        var survivor = await RegisterAsync();

        var outcome = await SendAsync(survivor.Id);

        Assert.True(outcome.Succeeded, outcome.Message);
        var rows = await OutboxAsync();
        var row = Assert.Single(rows);
        Assert.Equal(typeof(ReferralRequested).FullName, row.MessageType);
        Assert.Equal(RecipientQueue, row.Destination);
        AssertHoldsNone(row.Body, survivor.Canaries.All);
        var message = JsonSerializer.Deserialize<ReferralRequested>(row.Body, ReferralNetDbContext.MessageJson)!;
        Assert.Null(message.Profile);
        Assert.Null(message.ConsentId);
        Assert.Empty(message.SharedCategories);
        Assert.Equal(new[] { "ti", "ar" }, message.Needs.Languages);
        Assert.Equal(2, message.Needs.Dependants);
        Assert.True(message.Needs.AccessibilityNeeded);
        Assert.Equal(0, await Db(db => db.Set<Disclosure>().CountAsync()));
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("contact")]
    [InlineData("health")]
    [InlineData("legal-status")]
    [InlineData("case-notes")]
    [InlineData("identity", "contact")]
    [InlineData("identity", "legal-status", "case-notes")]
    [InlineData("identity", "contact", "health", "legal-status", "case-notes")]
    public async Task Sends_exactly_the_personal_data_of_the_shared_categories(params string[] share)
    {
        var survivor = await RegisterAsync();
        var consent = await ConsentAsync(survivor.Id, Recipient, AllCategories);
        var note = share.Contains("case-notes") ? survivor.Canaries.Note : null;

        var outcome = await SendAsync(survivor.Id, share: share, note: note);

        Assert.True(outcome.Succeeded, outcome.Message);
        var row = Assert.Single(await OutboxAsync());
        var shared = share.SelectMany(survivor.Canaries.Of).ToList();
        // Sealed as the row is written: the outbox holds none of it readable.
        AssertHoldsNone(row.Body, survivor.Canaries.All);
        var message = JsonSerializer.Deserialize<ReferralRequested>(row.Body, ReferralNetDbContext.MessageJson)!;
        Assert.Null(message.Profile);
        var opened = JsonSerializer.Serialize(Opened(message), ReferralNetDbContext.MessageJson);
        Assert.All(shared, canary => Assert.Contains(canary, opened));
        AssertHoldsNone(opened, survivor.Canaries.All.Except(shared));
        Assert.Equal(consent.Id, message.ConsentId);
        Assert.Equal(share.Order(), message.SharedCategories.Order());

        var disclosure = Assert.Single(await Db(db => db.Set<Disclosure>().ToListAsync()));
        Assert.Equal((consent.Id, Recipient, outcome.Value!.Id), (disclosure.ConsentId, disclosure.RecipientOrganisationId, disclosure.ReferralId));
        Assert.Equal(share.Order(), disclosure.Categories.Order());
    }

    [Fact]
    public async Task Refuses_a_service_the_recipient_does_not_offer_listing_what_it_offers()
    {
        var survivor = await RegisterAsync();

        var outcome = await SendAsync(survivor.Id, service: "bed:family");

        Assert.Equal(ErrorKind.Invalid, outcome.Error);
        Assert.Contains("does not offer 'bed:family'", outcome.Message);
        foreach (var offered in new[] { "bed:women", "bed:men", "bed:youth", "bed:accessible" })
            Assert.Contains(offered, outcome.Message);
        await AssertNothingSentAsync();
    }

    [Fact]
    public async Task Refuses_a_note_without_consent_to_share_case_notes()
    {
        var survivor = await RegisterAsync();

        var outcome = await SendAsync(survivor.Id, note: survivor.Canaries.Note);

        Assert.Equal(ErrorKind.Forbidden, outcome.Error);
        Assert.Contains("case-notes", outcome.Message);
        Assert.Contains($"'{Recipient}'", outcome.Message);
        await AssertNothingSentAsync();
    }

    [Fact]
    public async Task Refuses_a_note_beside_shared_categories_that_leave_out_case_notes()
    {
        // A note is case notes: sharing identity alone must not quietly drop it or store it unsent.
        var survivor = await RegisterAsync();
        await ConsentAsync(survivor.Id, Recipient, AllCategories);

        var outcome = await SendAsync(survivor.Id, share: ["identity"], note: survivor.Canaries.Note);

        Assert.Equal(ErrorKind.Forbidden, outcome.Error);
        Assert.Contains("case-notes", outcome.Message);
        await AssertNothingSentAsync();
    }

    [Fact]
    public async Task Refuses_to_share_an_unknown_category_as_a_bad_request()
    {
        var survivor = await RegisterAsync();
        await ConsentAsync(survivor.Id, Recipient, AllCategories);

        var outcome = await SendAsync(survivor.Id, share: ["identity", "finances"]);

        Assert.Equal(ErrorKind.Invalid, outcome.Error);
        Assert.Contains("'finances' is not a data category", outcome.Message);
        await AssertNothingSentAsync();
    }

    [Fact]
    public async Task Refuses_an_unknown_priority() =>
        Assert.Equal(ErrorKind.Invalid, (await SendAsync((await RegisterAsync()).Id, priority: "whenever")).Error);
}
