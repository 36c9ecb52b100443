using ReferralNet.ServiceDefaults.Http;

namespace ReferralNet.ServiceDefaults.Tests.Http;

public sealed class Quoting_input
{
    [Fact]
    public void Keeps_a_message_whose_quoted_values_are_short() =>
        Assert.Equal("there is no shelter 'harbour-house-mian'", QuotedInput.Shorten("there is no shelter 'harbour-house-mian'"));

    [Fact]
    public void Cuts_a_long_quoted_value_and_says_how_long_it_was()
    {
        var message = QuotedInput.Shorten($"there is no shelter '{new string('a', 65_536)}'");
        Assert.Equal($"there is no shelter '{new string('a', 40)}…' (65536 characters)", message);
    }

    [Fact]
    public void Caps_the_whole_message_at_1000_characters() =>
        Assert.Equal(1001, QuotedInput.Shorten(new string('x', 5000)).Length);
}
