using Microsoft.EntityFrameworkCore;
using ReferralNet.BuildingBlocks.Beds;
using ReferralNet.BuildingBlocks.Capacity;
using ReferralNet.BuildingBlocks.Data;
using ReferralNet.BuildingBlocks.Referrals;

namespace ReferralNet.Medical.Data;

/// <summary>The Medical service's own database: its clinics' services and appointment capacity with the appointments referrals booked, its bed board, and the referral engine of its organisations.</summary>
public sealed class MedicalDbContext(DbContextOptions<MedicalDbContext> options) : ReferralNetDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddBedBoard();
        modelBuilder.AddReferralEngine();
        modelBuilder.AddCapacity();
    }
}
