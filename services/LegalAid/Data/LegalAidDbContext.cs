using Microsoft.EntityFrameworkCore;
using ReferralNet.BuildingBlocks.Beds;
using ReferralNet.BuildingBlocks.Data;

namespace ReferralNet.LegalAid.Data;

/// <summary>The LegalAid service's own database: for now its bed board; its referral domain comes next.</summary>
public sealed class LegalAidDbContext(DbContextOptions<LegalAidDbContext> options) : ReferralNetDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddBedBoard();
    }
}
