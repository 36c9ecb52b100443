using Grpc.Core;
using ReferralNet.Protos.Shelter.V1;

namespace ReferralNet.Attacks.Tests.Edges;

/// <summary>
/// One vocational programme's key against the real Shelter service's gRPC port: it holds a bed
/// for a referral it never sent, or sent to another shelter organisation.
/// </summary>
public sealed class Holding_without_a_referral(ShelterAndVocational network) : IClassFixture<ShelterAndVocational>
{
    [Fact]
    public async Task A_hold_without_a_referral_by_that_organisation_to_that_shelter_is_refused()
    {
        var survivor = await network.SurvivorAsync();
        // A referral new-paths really sent, but to another shelter organisation than the one it holds at.
        var elsewhere = await network.ReferAndWaitAsync(survivor, "safe-haven", "family");
        var freeBefore = await FreeBedsAsync();

        foreach (var referralId in new[] { "rf-0123456789abcdef", elsewhere })
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => network.Beds.HoldBedAsync(
                new HoldBedRequest { ShelterId = "riverside-refuge", BedType = "family", ReferralId = referralId, HoldMinutes = 60 },
                AttackedProcess.As("new-paths")).ResponseAsync);
            Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
            Assert.Contains($"'{referralId}'", refused.Status.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(freeBefore, await FreeBedsAsync());
    }

    async Task<int> FreeBedsAsync()
    {
        var reply = await network.Beds.FindBedsAsync(new FindBedsRequest(), AttackedProcess.As("justice-bridge"));
        return reply.Shelters.Sum(s => s.Beds.Sum(b => b.Free));
    }
}
