namespace ReferralNet.Referrals.Tests.Consent;

/// <summary>Recording a consent: who may give it, for whom, for what, and for how long.</summary>
public sealed class Consent_recording : EngineOnSqlite
{
    [Fact]
    public async Task Refuses_verbal_consent_without_a_witness()
    {
        var survivor = await RegisterAsync();

        foreach (var witness in new[] { null, "", "   " })
        {
            var outcome = await Consents(e => e.RecordConsentAsync(Sender, survivor.Id, new ConsentRequest(Recipient, ["identity"], "verbal", witness), default));
            Assert.Equal(ErrorKind.Invalid, outcome.Error);
            Assert.Contains("witness", outcome.Message);
        }
        var witnessed = await Consents(e => e.RecordConsentAsync(Sender, survivor.Id, new ConsentRequest(Recipient, ["identity"], "verbal", "caseworker-7"), default));
        Assert.True(witnessed.Succeeded, witnessed.Message);
        Assert.Equal(1, await Db(db => db.Set<ConsentRecord>().CountAsync()));
    }

    [Fact]
    public async Task Lets_consent_last_90_days_unless_shorter_and_never_longer()
    {
        var survivor = await RegisterAsync();
        var now = clock.GetUtcNow();

        var byDefault = await ConsentAsync(survivor.Id, Recipient, "identity");
        Assert.Equal(now.AddDays(90), byDefault.ExpiresAt);

        var shorter = await Consents(e => e.RecordConsentAsync(Sender, survivor.Id, new ConsentRequest(Recipient, ["identity"], "written", ExpiresAt: now.AddDays(14)), default));
        Assert.True(shorter.Succeeded, shorter.Message);
        Assert.Equal(now.AddDays(14), shorter.Value!.ExpiresAt);

        var longest = await Consents(e => e.RecordConsentAsync(Sender, survivor.Id, new ConsentRequest(Recipient, ["identity"], "written", ExpiresAt: now.AddDays(90)), default));
        Assert.True(longest.Succeeded, longest.Message);

        var longer = await Consents(e => e.RecordConsentAsync(Sender, survivor.Id, new ConsentRequest(Recipient, ["identity"], "written", ExpiresAt: now.AddDays(90).AddMinutes(1)), default));
        Assert.Equal(ErrorKind.Invalid, longer.Error);
        Assert.Contains("at most 90 days", longer.Message);
    }

    [Fact]
    public async Task Refuses_consent_that_has_already_expired()
    {
        var survivor = await RegisterAsync();

        var outcome = await Consents(e => e.RecordConsentAsync(Sender, survivor.Id,
            new ConsentRequest(Recipient, ["identity"], "written", ExpiresAt: clock.GetUtcNow().AddMinutes(-1)), default));

        Assert.Equal(ErrorKind.Invalid, outcome.Error);
        Assert.Contains("expiresAt is already past", outcome.Message);
    }

    [Theory]
    [InlineData("nowhere", "there is no organisation 'nowhere'")]
    [InlineData(Sender, "cannot refer to itself")]
    [InlineData("network-ops", "operates the network")]
    public async Task Refuses_consent_for_a_recipient_that_cannot_receive_referrals(string recipient, string expected)
    {
        var survivor = await RegisterAsync();

        var outcome = await Consents(e => e.RecordConsentAsync(Sender, survivor.Id, new ConsentRequest(recipient, ["identity"], "written"), default));

        Assert.Equal(ErrorKind.Invalid, outcome.Error);
        Assert.Contains(expected, outcome.Message);
        Assert.Equal(0, await Db(db => db.Set<ConsentRecord>().CountAsync()));
    }

    [Fact]
    public async Task Refuses_consent_for_an_unknown_category()
    {
        var survivor = await RegisterAsync();

        var outcome = await Consents(e => e.RecordConsentAsync(Sender, survivor.Id, new ConsentRequest(Recipient, ["identity", "finances"], "written"), default));

        Assert.Equal(ErrorKind.Invalid, outcome.Error);
        Assert.Contains("'finances' is not a data category", outcome.Message);
    }

    [Fact]
    public async Task Refuses_consent_for_another_organisations_survivor()
    {
        var survivor = await RegisterAsync();

        var outcome = await Consents(e => e.RecordConsentAsync(Bystander, survivor.Id, new ConsentRequest(Recipient, ["identity"], "written"), default));

        Assert.Equal(ErrorKind.NotFound, outcome.Error);
    }
}
