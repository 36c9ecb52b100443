using ReferralNet.Contracts;
using ReferralNet.Shelter.Beds;
using Xunit;

namespace ReferralNet.Shelter.Tests.Beds;

/// <summary>Unit tests of <see cref="BedRules"/> and <see cref="BedCounts"/>.</summary>
public sealed class Bed_rules
{
    static readonly BedOptions Options = new() { DefaultHoldMinutes = 120, MaxHoldMinutes = 1440 };

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 0)]
    [InlineData(5, 3)]
    [InlineData(5, 5)]
    public void Accept_counts_from_empty_to_full(int total, int occupied) =>
        Assert.Null(BedRules.CheckCount(total, occupied));

    [Fact]
    public void Refuse_a_negative_total_and_say_so() =>
        Assert.Equal("total must not be negative (got -1)", BedRules.CheckCount(-1, 0));

    [Fact]
    public void Refuse_a_negative_occupied_count_and_say_so() =>
        Assert.Equal("occupied must not be negative (got -2)", BedRules.CheckCount(4, -2));

    [Fact]
    public void Refuse_occupied_above_total_and_say_so() =>
        Assert.Equal("occupied (6) must not be more than total (5)", BedRules.CheckCount(5, 6));

    [Theory]
    [InlineData("women")]
    [InlineData("men")]
    [InlineData("family")]
    [InlineData("youth")]
    [InlineData("accessible")]
    public void Know_every_bed_type(string bedType) =>
        Assert.Null(BedRules.CheckBedType(bedType));

    [Theory]
    [InlineData("dorm")]
    [InlineData("Women")]
    [InlineData("")]
    public void Refuse_an_unknown_bed_type_and_list_the_valid_ones(string bedType)
    {
        var problem = BedRules.CheckBedType(bedType);

        Assert.NotNull(problem);
        Assert.StartsWith($"'{bedType}' is not a bed type", problem);
        Assert.EndsWith("use one of: women, men, family, youth, accessible", problem);
        Assert.All(BedTypes.All, type => Assert.Contains(type, problem));
    }

    [Theory]
    [InlineData(10, 7, 3)]
    [InlineData(10, 0, 10)]
    [InlineData(0, 0, 0)]
    public void Accept_a_count_that_leaves_room_for_every_hold(int total, int occupied, int held) =>
        Assert.Null(BedRules.CheckAgainstHolds(total, occupied, held));

    [Fact]
    public void Refuse_a_count_that_strands_held_beds_and_say_how_to_fix_it()
    {
        var problem = BedRules.CheckAgainstHolds(total: 10, occupied: 8, held: 3);

        Assert.Equal(
            "3 bed(s) are held for referrals, so occupied (8) plus held may not exceed total (10); release holds first or raise total",
            problem);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-30)]
    public void Hold_for_the_default_time_when_none_is_asked_for(int requestedMinutes) =>
        Assert.Equal(TimeSpan.FromMinutes(120), BedRules.HoldDuration(requestedMinutes, Options));

    [Theory]
    [InlineData(1)]
    [InlineData(45)]
    [InlineData(1440)]
    public void Hold_for_the_time_asked_for_up_to_the_maximum(int requestedMinutes) =>
        Assert.Equal(TimeSpan.FromMinutes(requestedMinutes), BedRules.HoldDuration(requestedMinutes, Options));

    [Theory]
    [InlineData(1441)]
    [InlineData(int.MaxValue)]
    public void Cap_a_hold_at_the_maximum(int requestedMinutes) =>
        Assert.Equal(TimeSpan.FromMinutes(1440), BedRules.HoldDuration(requestedMinutes, Options));

    [Theory]
    [InlineData(10, 7, 1, 2)]
    [InlineData(10, 7, 3, 0)]
    [InlineData(4, 4, 0, 0)]
    public void Count_free_beds_as_neither_occupied_nor_held(int total, int occupied, int held, int free) =>
        Assert.Equal(free, new BedCounts("women", total, occupied, held).Free);

    [Theory]
    [InlineData(5, 4, 3)]
    [InlineData(2, 5, 0)]
    [InlineData(0, 0, 1)]
    public void Never_count_free_beds_below_zero_when_holds_outlive_a_cut_in_total(int total, int occupied, int held) =>
        Assert.Equal(0, new BedCounts("women", total, occupied, held).Free);
}
