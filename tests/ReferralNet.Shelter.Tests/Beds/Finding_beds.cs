using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using ReferralNet.Protos.Shelter.V1;
using Xunit;

namespace ReferralNet.Shelter.Tests.Beds;

public sealed class Finding_beds(SharedShelter fixture) : IClassFixture<SharedShelter>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    RunningShelter Shelter => fixture.Shelter;

    Task<FindBedsReply> FindAsync(FindBedsRequest request) =>
        Shelter.Lookup.FindBedsAsync(request, RunningShelter.As(ApiKeys.JusticeBridge).WithCancellationToken(Ct)).ResponseAsync;

    [Fact]
    public async Task Finds_every_shelter_with_a_free_bed_and_only_its_free_bed_types_when_no_filter_is_set()
    {
        var reply = await FindAsync(new FindBedsRequest());

        // Ordered by area, then name; harbour-house-main's youth, safe-haven's women and riverside's men beds are all taken.
        Assert.Equal(
            [
                "harbour-house-main: accessible women",
                "harbour-house-annex: men",
                "safe-haven-family: accessible family",
                "riverside-refuge: family women youth",
            ],
            reply.Shelters.Select(Describe));
    }

    [Theory]
    [InlineData("women", "", "", false, false, "harbour-house-main riverside-refuge")]
    [InlineData("youth", "", "", false, false, "riverside-refuge")]
    [InlineData("men", "", "", false, false, "harbour-house-annex")]
    [InlineData("", "south-valley", "", false, false, "riverside-refuge")]
    [InlineData("", "north-city", "", false, false, "harbour-house-main harbour-house-annex safe-haven-family")]
    [InlineData("", "east-side", "", false, false, "")]
    [InlineData("", "", "vi", false, false, "riverside-refuge")]
    [InlineData("", "", "pt", false, false, "safe-haven-family")]
    [InlineData("", "", "es", false, false, "harbour-house-main riverside-refuge")]
    [InlineData("", "", "", true, false, "harbour-house-main safe-haven-family riverside-refuge")]
    [InlineData("", "", "", false, true, "safe-haven-family riverside-refuge")]
    [InlineData("family", "north-city", "", false, true, "safe-haven-family")]
    [InlineData("women", "", "es", true, true, "riverside-refuge")]
    public async Task Finds_only_shelters_matching_every_filter_that_is_set(string bedType, string area, string language, bool accessibleOnly, bool childrenAccepted, string expected)
    {
        var reply = await FindAsync(new FindBedsRequest
        {
            BedType = bedType,
            Area = area,
            Language = language,
            AccessibleOnly = accessibleOnly,
            ChildrenAccepted = childrenAccepted,
        });

        Assert.Equal(expected, string.Join(" ", reply.Shelters.Select(s => s.ShelterId)));
        if (bedType.Length > 0)
            Assert.All(reply.Shelters, s => Assert.Equal(bedType, Assert.Single(s.Beds).BedType));
        if (area.Length > 0)
            Assert.All(reply.Shelters, s => Assert.Equal(area, s.Area));
        if (language.Length > 0)
            Assert.All(reply.Shelters, s => Assert.Contains(language, s.Languages));
        Assert.All(reply.Shelters.SelectMany(s => s.Beds), b => Assert.True(b.Free > 0, $"{b.BedType} has no free bed"));
    }

    [Fact]
    public async Task Refuses_an_unknown_bed_type_and_lists_the_valid_ones()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => FindAsync(new FindBedsRequest { BedType = "dorm" }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("'dorm' is not a bed type; use one of: women, men, family, youth, accessible", error.Status.Detail);
    }

    [Fact]
    public async Task Gets_a_shelters_profile_with_every_bed_type_and_its_intake_contact()
    {
        var profile = await Shelter.Lookup.GetShelterAsync(new GetShelterRequest { ShelterId = "safe-haven-family" }, RunningShelter.As(ApiKeys.JusticeBridge));

        Assert.Equal(("safe-haven", "Safe Haven Family Units", "north-city", true, true),
            (profile.OrganisationId, profile.Name, profile.Area, profile.Accessible, profile.ChildrenAccepted));
        Assert.Equal(["en", "pt"], profile.Languages);
        Assert.Equal(("Safe Haven intake", "+1-555-0102", "intake@safe-haven.example"), (profile.Intake.Name, profile.Intake.Phone, profile.Intake.Email));
        Assert.Equal(
            [
                new BedCount { BedType = "accessible", Total = 1, Occupied = 0, Held = 0, Free = 1 },
                new BedCount { BedType = "family", Total = 6, Occupied = 4, Held = 0, Free = 2 },
                new BedCount { BedType = "women", Total = 6, Occupied = 6, Held = 0, Free = 0 },
            ],
            profile.Beds);
    }

    [Fact]
    public async Task Answers_NotFound_for_an_unknown_shelter()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Shelter.Lookup.GetShelterAsync(new GetShelterRequest { ShelterId = "nowhere" }, RunningShelter.As(ApiKeys.JusticeBridge)).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("there is no shelter 'nowhere'", error.Status.Detail);
    }

    [Fact]
    public async Task Refuses_a_call_without_a_key()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Shelter.Lookup.FindBedsAsync(new FindBedsRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Never_carries_a_street_address_in_any_reply_or_announcement()
    {
        // The marker is really there to be leaked: every seeded address carries it.
        var addresses = await Shelter.ReadDatabaseAsync(db => db.Shelters.Select(s => s.StreetAddress).ToListAsync(Ct));
        Assert.Equal(4, addresses.Count);
        Assert.All(addresses, address => Assert.Contains("CONFIDENTIAL", address));
        var replies = new List<IMessage>();
        var asShelter = RunningShelter.As(ApiKeys.RiversideRefuge);

        replies.Add(await Shelter.Lookup.FindBedsAsync(new FindBedsRequest(), asShelter));
        foreach (var id in new[] { "harbour-house-main", "harbour-house-annex", "safe-haven-family", "riverside-refuge" })
        {
            // Even to the organisation that runs the shelter: the lookups are for partners.
            replies.Add(await Shelter.Lookup.GetShelterAsync(new GetShelterRequest { ShelterId = id }, asShelter));
            replies.Add(await Shelter.Lookup.GetShelterAsync(new GetShelterRequest { ShelterId = id }, RunningShelter.As(ApiKeys.JusticeBridge)));
        }
        var hold = await Shelter.Lookup.HoldBedAsync(new HoldBedRequest { ShelterId = "riverside-refuge", BedType = "women", ReferralId = "" }, asShelter);
        replies.Add(hold);
        replies.Add(await Shelter.Lookup.ReleaseHoldAsync(new ReleaseHoldRequest { HoldId = hold.HoldId }, asShelter));
        var noBed = await Assert.ThrowsAsync<RpcException>(() =>
            Shelter.Lookup.HoldBedAsync(new HoldBedRequest { ShelterId = "riverside-refuge", BedType = "men", ReferralId = "" }, asShelter).ResponseAsync);

        Assert.Equal(11, replies.Count);
        Assert.All(replies, reply =>
        {
            Assert.DoesNotContain("CONFIDENTIAL", JsonFormatter.Default.Format(reply));
            Assert.DoesNotContain("CONFIDENTIAL", Encoding.UTF8.GetString(reply.ToByteArray()));
        });
        Assert.DoesNotContain("CONFIDENTIAL", noBed.Status.Detail);
        // Bed counts are published to every service: they must not carry it either.
        var bodies = await Shelter.ReadDatabaseAsync(db => db.Outbox.Select(m => m.Body).ToListAsync(Ct));
        Assert.NotEmpty(bodies);
        Assert.All(bodies, body => Assert.DoesNotContain("CONFIDENTIAL", body));
    }

    static string Describe(ShelterProfile shelter) =>
        $"{shelter.ShelterId}: {string.Join(" ", shelter.Beds.Select(b => b.BedType))}";
}
