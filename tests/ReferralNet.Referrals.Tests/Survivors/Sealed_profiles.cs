using ReferralNet.Messaging.Sealing;

namespace ReferralNet.Referrals.Tests.Survivors;

public sealed class Sealed_profiles : EngineOnSqlite
{
    [Fact]
    public async Task A_referral_is_sealed_as_its_outbox_row_is_written_and_opened_by_the_recipient()
    {
        var survivor = await RegisterAsync();
        await ConsentAsync(survivor.Id, Recipient, AllCategories);

        var sent = await SendAsync(survivor.Id, share: AllCategories, note: survivor.Canaries.Note);

        Assert.True(sent.Succeeded, sent.Message);
        var (row, message) = await LastRowAsync<ReferralRequested>();
        AssertHoldsNone(row.Body, survivor.Canaries.All);
        Assert.Null(message.Profile);
        Assert.NotNull(message.SealedProfile);
        await DeliverReferralAsync(sent.Value!.Id);
        var received = await ReceivedAsync(sent.Value.Id);
        Assert.Equal((survivor.Canaries.GivenName, survivor.Canaries.DateOfBirth, survivor.Canaries.Note),
            (received.Profile.GivenName, received.Profile.DateOfBirth, received.Profile.Note));
    }

    [Fact]
    public async Task A_referral_without_personal_data_needs_no_key_and_carries_nothing_sealed()
    {
        var survivor = await RegisterAsync();
        File.Delete(Path.Combine(KeysFolder, "shelter.pub"));

        var sent = await SendAsync(survivor.Id);

        Assert.True(sent.Succeeded, sent.Message);
        var message = await LastMessageAsync<ReferralRequested>();
        Assert.Null(message.SealedProfile);
        Assert.Null(message.Profile);
    }

    [Fact]
    public async Task Personal_data_is_not_sent_to_a_service_that_has_published_no_key()
    {
        var survivor = await RegisterAsync();
        await ConsentAsync(survivor.Id, Recipient, AllCategories);
        File.Delete(Path.Combine(KeysFolder, "shelter.pub"));

        var sent = await SendAsync(survivor.Id, share: ["identity"]);

        Assert.Equal(ErrorKind.Conflict, sent.Error);
        Assert.Contains("the service 'shelter' of organisation 'harbour-house' has not published its sealing key (shelter.pub)", sent.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(await OutboxAsync(), r => r.MessageType == typeof(ReferralRequested).FullName);
        Assert.Equal(0, await Db(db => db.Set<Referral>().CountAsync()));
    }

    [Fact]
    public async Task A_sealed_profile_with_one_byte_changed_is_refused_naming_the_check_and_nothing_is_stored()
    {
        var canaries = new Canaries();
        var message = Crafted(canaries, consentId: "c-00000000000c4af7", shared: AllCategories);
        message.SealedProfile!.Ciphertext[3] ^= 0x20;

        var refused = await Assert.ThrowsAsync<SealingException>(() => DeliverAsync<ReferralRequestedConsumer>(e => e.ApplyAsync(message, default)));

        Assert.Contains($"the profile of referral {message.ReferralId} cannot be opened: sealed data failed its integrity check", refused.Message, StringComparison.Ordinal);
        AssertHoldsNone(refused.Message, canaries.All);
        Assert.Equal(0, await Db(db => db.Set<Referral>().CountAsync()));
    }

    [Theory]
    [InlineData("referral")]
    [InlineData("sender")]
    [InlineData("recipient")]
    [InlineData("consent")]
    [InlineData("categories")]
    public async Task A_sealed_profile_moved_to_another_message_does_not_open(string changed)
    {
        var canaries = new Canaries();
        var message = Crafted(canaries, consentId: "c-00000000000c4af7", shared: ["identity", "contact"]);
        var moved = changed switch
        {
            "referral" => message with { ReferralId = "rf-00000000000e15e0" },
            "sender" => message with { FromOrganisationId = "st-mary-clinic" },
            "recipient" => message with { ToOrganisationId = Bystander },
            "consent" => message with { ConsentId = "c-000000000000a7e4" },
            _ => message with { SharedCategories = ["identity"] },
        };

        var refused = await Assert.ThrowsAsync<SealingException>(() => DeliverAsync<ReferralRequestedConsumer>(e => e.ApplyAsync(moved, default)));

        Assert.Contains("integrity check", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_profile_in_plaintext_is_refused()
    {
        var canaries = new Canaries();
        var message = Crafted(canaries, consentId: "c-00000000000c4af7", shared: ["identity"]);
        var plaintext = message with { SealedProfile = null, Profile = new SharedProfile(canaries.GivenName, null, null, null, null, null, null, null, null, null) };

        var refused = await Assert.ThrowsAsync<SealingException>(() => DeliverAsync<ReferralRequestedConsumer>(e => e.ApplyAsync(plaintext, default)));

        Assert.Contains("carries personal data unsealed; service 'shelter' accepts only sealed profiles", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await Db(db => db.Set<Referral>().CountAsync()));
    }
}
