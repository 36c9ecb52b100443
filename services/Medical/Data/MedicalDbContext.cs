using Microsoft.EntityFrameworkCore;
using ReferralNet.BuildingBlocks.Beds;
using ReferralNet.BuildingBlocks.Data;

namespace ReferralNet.Medical.Data;

/// <summary>The Medical service's own database: for now its bed board; its referral domain comes next.</summary>
public sealed class MedicalDbContext(DbContextOptions<MedicalDbContext> options) : ReferralNetDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddBedBoard();
    }
}
