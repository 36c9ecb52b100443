using Grpc.Core;
using ReferralNet.Protos.Shelter.V1;

namespace ReferralNet.Attacks.Tests.Edges;

/// <summary>
/// One vocational programme's key against the real Shelter service's gRPC port: it tries to hold
/// every free bed in the network, each for 24 hours, sending a real bed referral for every hold.
/// </summary>
public sealed class Hold_exhaustion(ShelterAndVocational network) : IClassFixture<ShelterAndVocational>
{
    const int Day = 24 * 60;

    [Fact]
    public async Task One_organisation_holding_every_free_bed_is_stopped_at_its_share_and_others_still_find_free_beds()
    {
        var before = await FreeBedsAsync("justice-bridge");
        var freeBefore = before.Sum(p => p.Free);
        Assert.True(freeBefore > 0, "the seeded network has free beds");
        var survivor = await network.SurvivorAsync();

        var held = 0;
        var refusals = new List<string>();
        foreach (var pool in before)
        {
            // Keep asking for this shelter's beds of this type until the service says no.
            for (var i = 0; i < pool.Free; i++)
            {
                var referral = await network.ReferAndWaitAsync(survivor, pool.OrganisationId, pool.BedType);
                try
                {
                    await network.Beds.HoldBedAsync(
                        new HoldBedRequest { ShelterId = pool.ShelterId, BedType = pool.BedType, ReferralId = referral, HoldMinutes = Day },
                        AttackedProcess.As("new-paths"));
                    held++;
                }
                catch (RpcException refused)
                {
                    Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
                    refusals.Add(refused.Status.Detail);
                    break;
                }
            }
        }

        var after = await FreeBedsAsync("justice-bridge");
        var freeAfter = after.Sum(p => p.Free);
        TestContext.Current.TestOutputHelper?.WriteLine($"free beds before {freeBefore}, new-paths held {held}, free after {freeAfter}; refusals: {string.Join(" | ", refusals)}");
        Assert.True(freeAfter > 0, $"after new-paths held {held} beds FindBeds shows justice-bridge no free bed at all (there were {freeBefore})");
        // No bed type at any shelter that had free beds was emptied by this one organisation.
        var emptied = before.Where(p => !after.Any(a => a.ShelterId == p.ShelterId && a.BedType == p.BedType)).Select(p => $"{p.ShelterId}/{p.BedType}").ToList();
        Assert.True(emptied.Count == 0, $"new-paths took every free bed of {string.Join(", ", emptied)}");
        Assert.True(held <= freeBefore / 2, $"new-paths held {held} of {freeBefore} free beds");
        Assert.NotEmpty(refusals);
        Assert.All(refusals, detail => Assert.Contains("new-paths", detail, StringComparison.Ordinal));
    }

    async Task<List<Pool>> FreeBedsAsync(string organisationId)
    {
        var reply = await network.Beds.FindBedsAsync(new FindBedsRequest(), AttackedProcess.As(organisationId));
        return reply.Shelters
            .SelectMany(s => s.Beds.Where(b => b.Free > 0).Select(b => new Pool(s.ShelterId, s.OrganisationId, b.BedType, b.Free)))
            .ToList();
    }

    sealed record Pool(string ShelterId, string OrganisationId, string BedType, int Free);
}
