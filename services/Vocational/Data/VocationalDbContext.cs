using Microsoft.EntityFrameworkCore;
using ReferralNet.BuildingBlocks.Beds;
using ReferralNet.BuildingBlocks.Capacity;
using ReferralNet.BuildingBlocks.Data;
using ReferralNet.BuildingBlocks.Referrals;

namespace ReferralNet.Vocational.Data;

/// <summary>The Vocational service's own database: its programmes and seats with the enrolments referrals made, its bed board, and the referral engine of its organisations.</summary>
public sealed class VocationalDbContext(DbContextOptions<VocationalDbContext> options) : ReferralNetDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddBedBoard();
        modelBuilder.AddReferralEngine();
        modelBuilder.AddCapacity();
    }
}
