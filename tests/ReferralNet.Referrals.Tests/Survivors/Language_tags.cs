namespace ReferralNet.Referrals.Tests.Survivors;

/// <summary>Unit tests of <see cref="LanguageTags"/>: BCP 47 shapes in, canonical case out, anything else refused.</summary>
public sealed class Language_tags
{
    [Theory]
    [InlineData("es", "es")]
    [InlineData("ES", "es")]
    [InlineData("pt-br", "pt-BR")]
    [InlineData("zh-hant-tw", "zh-Hant-TW")]
    [InlineData("es-419", "es-419")]
    [InlineData("sl-rozaj", "sl-rozaj")]
    [InlineData("de-CH-1901", "de-CH-1901")]
    [InlineData("yue", "yue")]
    [InlineData("abcde", "abcde")]
    public void Take_well_formed_tags_in_their_canonical_case(string tag, string canonical) =>
        Assert.Equal(canonical, LanguageTags.Canonical(tag));

    [Theory]
    [InlineData("")]
    [InlineData("e")]
    [InlineData("abcd")]
    [InlineData("abcdefghi")]
    [InlineData("Ana Example")]
    [InlineData("es ")]
    [InlineData(" es")]
    [InlineData("es-")]
    [InlineData("es--MX")]
    [InlineData("es_MX")]
    [InlineData("x-private")]
    [InlineData("en-a-bbb")]
    [InlineData("de-1901-1901")]
    [InlineData("es\nAna")]
    [InlineData("ana@example.org")]
    [InlineData("zh-Hant-TW-abcdefghi")]
    public void Refuse_what_is_not_a_language_tag(string value) =>
        Assert.Null(LanguageTags.Canonical(value));

    [Fact]
    public void Refuse_more_than_eight_languages_and_say_how_many_may_be_recorded()
    {
        var (_, problem) = LanguageTags.Check(["en", "es", "fr", "de", "it", "pt", "vi", "tl", "ar"]);

        Assert.Equal("languages has 9 entries; at most 8 languages may be recorded", problem);
    }

    [Fact]
    public void Name_the_bad_entry_by_position_and_never_repeat_it()
    {
        var (tags, problem) = LanguageTags.Check(["es", "Ana Example, 12 Elm Street"]);

        Assert.Empty(tags);
        Assert.NotNull(problem);
        Assert.StartsWith("languages[1] is not a language tag: use BCP 47 language tags such as es, pt-BR or zh-Hant-TW", problem);
        Assert.DoesNotContain("Ana", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Keep_each_language_once() =>
        Assert.Equal(["es", "pt-BR"], LanguageTags.Check(["es", "ES", "pt-BR", "pt-br"]).Tags);
}
