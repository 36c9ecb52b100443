using ReferralNet.BadInput.Replay;

namespace ReferralNet.BadInput.Tests;

public sealed class Judging_a_message
{
    [Theory]
    [InlineData("occupied (5) must not be more than total (3)")]
    [InlineData("this path does not take DELETE; it takes GET")]
    [InlineData("the request is not a valid referralnet.shelter.v1.FindBedsRequest: Protocol message contained an invalid tag (zero).")]
    public void Finds_a_specific_sentence_useful(string detail) => Assert.True(UsefulMessage.IsUseful(detail, "The request is not valid"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Bad Request")]
    [InlineData("Method Not Allowed")]
    [InlineData("One or more validation errors occurred.")]
    [InlineData("Exception was thrown by handler.")]
    [InlineData("invalid")]
    [InlineData("wrong value")]
    public void Finds_an_empty_short_or_generic_one_useless(string? detail) => Assert.False(UsefulMessage.IsUseful(detail));

    [Fact]
    public void Finds_a_detail_that_only_repeats_the_title_useless() =>
        Assert.False(UsefulMessage.IsUseful("Conflicts with the current state", "Conflicts with the current state"));
}
