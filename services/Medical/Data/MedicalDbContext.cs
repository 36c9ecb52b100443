using Microsoft.EntityFrameworkCore;
using ReferralNet.BedBoard;
using ReferralNet.Capacity;
using ReferralNet.Messaging.Data;
using ReferralNet.Referrals;

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
