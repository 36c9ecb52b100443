using System.Text;

namespace ReferralNet.Referrals.Tests.Revocation;

public sealed class Undelivered_copies : EngineOnSqlite
{
    [Fact]
    public async Task Revoking_takes_the_profile_out_of_a_referral_not_yet_sent_and_it_arrives_without_one()
    {
        var survivor = await RegisterAsync();
        var consent = await ConsentAsync(survivor.Id, Recipient, AllCategories);
        var sent = await SendAsync(survivor.Id, share: AllCategories, note: survivor.Canaries.Note);
        Assert.True(sent.Succeeded, sent.Message);

        var revoked = await Revocation(e => e.RevokeAsync(Sender, consent.Id, "survivor-request", default));

        Assert.True(revoked.Succeeded, revoked.Message);
        var (row, message) = await LastRowAsync<ReferralRequested>();
        Assert.Null(row.SentAt);
        Assert.Equal((null, null), (message.SealedProfile, message.Profile));
        Assert.Empty(message.SharedCategories);
        Assert.Equal((sent.Value!.Id, consent.Id), (message.ReferralId, message.ConsentId));
        await DeliverReferralAsync(sent.Value.Id);
        AssertNoPersonalData(await ReceivedAsync(sent.Value.Id));
    }

    [Fact]
    public async Task Revoking_leaves_the_unsent_referrals_of_other_consents_as_they_were()
    {
        var survivor = await RegisterAsync();
        var revokedConsent = await ConsentAsync(survivor.Id, Recipient, AllCategories);
        var other = await RegisterAsync();
        await ConsentAsync(other.Id, Recipient, AllCategories);
        Assert.True((await SendAsync(survivor.Id, share: ["identity"])).Succeeded);
        var kept = await SendAsync(other.Id, share: ["identity"]);

        await Revocation(e => e.RevokeAsync(Sender, revokedConsent.Id, "survivor-request", default));

        var message = await LastMessageAsync<ReferralRequested>();
        Assert.Equal(kept.Value!.Id, message.ReferralId);
        Assert.Equal(other.Canaries.GivenName, Opened(message)!.GivenName);
    }

    [Fact]
    public void A_failed_copy_of_a_referral_under_the_consent_is_left_without_its_profile()
    {
        var message = Crafted(new Canaries(), consentId: "c-gone", shared: ["identity"]);
        var envelope = Envelope(message);

        var scrubbed = UndeliveredCopies.WithoutProfile(envelope, "c-gone", Sender);

        Assert.NotNull(scrubbed);
        var left = JsonDocument.Parse(scrubbed).RootElement;
        Assert.Equal("abc-123", left.GetProperty("messageId").GetString());
        var after = left.GetProperty("message").Deserialize<ReferralRequested>(JsonSerializerOptions.Web)!;
        Assert.Equal((message.ReferralId, "c-gone", (SealedData?)null, 0), (after.ReferralId, after.ConsentId, after.SealedProfile, after.SharedCategories.Count));
    }

    [Theory]
    [InlineData("c-other", Sender)]
    [InlineData("c-gone", "st-mary-clinic")]
    public void A_failed_copy_of_another_consent_or_sender_is_left_as_it_is(string consentId, string fromOrganisationId)
    {
        var envelope = Envelope(Crafted(new Canaries(), consentId: "c-gone", shared: ["identity"]));

        Assert.Null(UndeliveredCopies.WithoutProfile(envelope, consentId, fromOrganisationId));
    }

    [Fact]
    public void A_failed_message_that_is_not_a_referral_request_is_left_as_it_is()
    {
        Assert.Null(UndeliveredCopies.WithoutProfile("not json"u8.ToArray(), "c-gone", Sender));
        var withdrawn = new ConsentWithdrawn("c-gone", Sender, Recipient, ["rf-1"], "revoked", clock.GetUtcNow());
        var body = $$"""{"messageId":"x","messageType":["urn:message:ReferralNet.Contracts.Referrals:ConsentWithdrawn"],"message":{{JsonSerializer.Serialize(withdrawn, JsonSerializerOptions.Web)}}}""";
        Assert.Null(UndeliveredCopies.WithoutProfile(Encoding.UTF8.GetBytes(body), "c-gone", Sender));
    }

    [Fact]
    public async Task A_referral_moved_to_the_error_queue_after_its_consent_was_withdrawn_here_is_moved_without_its_profile()
    {
        var envelope = Envelope(Crafted(new Canaries(), consentId: "c-gone", shared: ["identity"]));
        await Db(db =>
        {
            db.Set<WithdrawnConsent>().Add(new WithdrawnConsent { OrganisationId = Recipient, ConsentId = "c-gone", WithdrawnAt = clock.GetUtcNow() });
            return db.SaveChangesAsync();
        });

        AssertWithoutProfile(await FailedCopies.RewriteAsync(envelope, default));
    }

    [Fact]
    public async Task A_referral_moved_while_its_withdrawal_is_being_applied_is_moved_without_its_profile()
    {
        var envelope = Envelope(Crafted(new Canaries(), consentId: "c-gone", shared: ["identity"]));

        FailedCopies.Withdrawing(Recipient, "c-gone"); // scrubbed the queues, not yet committed

        AssertWithoutProfile(await FailedCopies.RewriteAsync(envelope, default));
        Assert.Null(await FailedCopies.RewriteAsync(Envelope(Crafted(new Canaries(), consentId: "c-kept", shared: ["identity"])), default));
    }

    [Fact]
    public async Task A_referral_moved_after_its_consent_expired_is_moved_without_its_profile()
    {
        var expired = Crafted(new Canaries(), consentId: "c-ended", shared: ["identity"]) with { ConsentExpiresAt = clock.GetUtcNow() };

        AssertWithoutProfile(await FailedCopies.RewriteAsync(Envelope(expired), default));
    }

    static void AssertWithoutProfile(byte[]? scrubbed)
    {
        Assert.NotNull(scrubbed);
        var after = JsonDocument.Parse(scrubbed).RootElement.GetProperty("message").Deserialize<ReferralRequested>(JsonSerializerOptions.Web)!;
        Assert.Equal(((SealedData?)null, (SharedProfile?)null, 0), (after.SealedProfile, after.Profile, after.SharedCategories.Count));
    }

    // As MassTransit's RabbitMQ transport writes it.
    static byte[] Envelope(ReferralRequested message) => Encoding.UTF8.GetBytes(
        $$"""{"messageId":"abc-123","messageType":["urn:message:ReferralNet.Contracts.Referrals:ReferralRequested"],"message":{{JsonSerializer.Serialize(message, JsonSerializerOptions.Web)}}}""");
}
