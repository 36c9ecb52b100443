using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReferralNet.Attacks.Tests.Edges;

/// <summary>
/// A survivor's languages travel in every referral without consent, so they must be language tags
/// and nothing else: a name, an address or a sentence put there would reach every recipient.
/// </summary>
public sealed class Free_text_in_languages(ShelterAndVocational network) : IClassFixture<ShelterAndVocational>
{
    [Theory]
    [InlineData("Ana Example, 12 Elm Street, +1-555-0199")]
    [InlineData("speaks Spanish; lives with her trafficker's cousin")]
    [InlineData("es\nAna Example")]
    [InlineData("Ana.Example@example.org")]
    public async Task Registering_a_survivor_with_free_text_in_languages_is_refused_with_what_a_language_is(string smuggled)
    {
        using var response = await network.RegisterAsync(["es", smuggled]);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"registering with '{smuggled}' in languages gave {(int)response.StatusCode}: {body}");
        var detail = JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;
        Assert.Contains("BCP 47", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(smuggled, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_travels_in_a_referrals_languages_is_only_tags()
    {
        var survivor = await network.SurvivorAsync(["es", "pt-br", "zh-Hant-TW"]);

        var referral = await network.ReferAndWaitAsync(survivor, "harbour-house", "women");

        using var shelter = AttackedProcess.Rest(network.Shelter, "harbour-house");
        var received = await shelter.GetFromJsonAsync<JsonElement>($"/api/referrals/{referral}", TestContext.Current.CancellationToken);
        var languages = received.GetProperty("needs").GetProperty("languages").EnumerateArray().Select(l => l.GetString()).ToList();
        Assert.Equal(["es", "pt-BR", "zh-Hant-TW"], languages);
    }
}
