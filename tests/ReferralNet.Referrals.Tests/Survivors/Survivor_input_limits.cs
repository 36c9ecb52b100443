namespace ReferralNet.Referrals.Tests.Survivors;

/// <summary>What a survivor's registration and consent take: tags for languages, codes for needs, free text up to its limit.</summary>
public sealed class Survivor_input_limits : EngineOnSqlite
{
    [Fact]
    public async Task Stores_languages_as_canonical_tags()
    {
        var outcome = await Survivors(e => e.RegisterSurvivorAsync(Sender, new SurvivorRegistration(Languages: ["ES", "pt-br"]), default));

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Equal(["es", "pt-BR"], outcome.Value!.Languages);
    }

    [Theory]
    [InlineData("Ana Example")]
    [InlineData("lives at 12 Elm Street")]
    [InlineData("+1-555-0199")]
    public async Task Refuses_free_text_in_languages_and_stores_nothing(string smuggled)
    {
        var outcome = await Survivors(e => e.RegisterSurvivorAsync(Sender, new SurvivorRegistration(Languages: ["es", smuggled]), default));

        Assert.Equal(ErrorKind.Invalid, outcome.Error);
        Assert.StartsWith("languages[1] is not a language tag", outcome.Message);
        Assert.Equal(0, await Db(db => db.Set<Survivor>().CountAsync()));
    }

    [Fact]
    public async Task Refuses_a_need_that_is_not_a_code()
    {
        var outcome = await Survivors(e => e.RegisterSurvivorAsync(Sender, new SurvivorRegistration(Needs: ["accessibility", "Needs a room away from her trafficker"]), default));

        Assert.Equal(ErrorKind.Invalid, outcome.Error);
        Assert.StartsWith("needs[1] is not a need code", outcome.Message);
    }

    [Theory]
    [InlineData("givenName", 201)]
    [InlineData("phone", 41)]
    [InlineData("email", 255)]
    [InlineData("caseNotes", 4001)]
    public async Task Refuses_free_text_over_its_limit_and_says_by_how_much(string field, int length)
    {
        var text = field == "email" ? new string('a', length - 12) + "@example.org" : new string('a', length);
        var registration = field switch
        {
            "givenName" => new SurvivorRegistration(GivenName: text),
            "phone" => new SurvivorRegistration(Phone: text),
            "email" => new SurvivorRegistration(Email: text),
            _ => new SurvivorRegistration(CaseNotes: text),
        };

        var outcome = await Survivors(e => e.RegisterSurvivorAsync(Sender, registration, default));

        Assert.Equal(ErrorKind.Invalid, outcome.Error);
        Assert.Equal($"{field} is {length} characters long; it may be at most {length - 1}: shorten it", outcome.Message);
    }

    [Fact]
    public async Task Refuses_a_consent_purpose_or_witness_over_its_limit()
    {
        var survivor = await RegisterAsync();

        var purpose = await Consents(e => e.RecordConsentAsync(Sender, survivor.Id,
            new ConsentRequest(Recipient, ["identity"], "written", Purpose: new string('p', 501)), default));
        var witness = await Consents(e => e.RecordConsentAsync(Sender, survivor.Id,
            new ConsentRequest(Recipient, ["identity"], "verbal", Witness: new string('w', 201)), default));

        Assert.Equal((ErrorKind.Invalid, "purpose is 501 characters long; it may be at most 500: shorten it"), (purpose.Error, purpose.Message));
        Assert.Equal((ErrorKind.Invalid, "witness is 201 characters long; it may be at most 200: shorten it"), (witness.Error, witness.Message));
        Assert.Equal(0, await Db(db => db.Set<ConsentRecord>().CountAsync()));
    }

    [Fact]
    public async Task Refuses_a_referral_for_a_survivor_id_of_the_wrong_shape()
    {
        var outcome = await Sending(e => e.SendAsync(Sender, new ReferralRequest("sv-1' OR '1'='1", Recipient, Bed), default));

        Assert.Equal(ErrorKind.Invalid, outcome.Error);
        Assert.StartsWith("survivorId 'sv-1' OR '1'='1' is not a survivor id: survivor ids look like sv-0123456789abcdef", outcome.Message);
        await AssertNothingSentAsync();
    }
}
