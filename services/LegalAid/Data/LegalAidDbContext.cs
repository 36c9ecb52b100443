using Microsoft.EntityFrameworkCore;
using ReferralNet.BedBoard;
using ReferralNet.Capacity;
using ReferralNet.Messaging.Data;
using ReferralNet.Referrals;

namespace ReferralNet.LegalAid.Data;

/// <summary>The LegalAid service's own database: its providers' case types and attorney capacity with the intakes referrals opened, its bed board, and the referral engine of its organisations.</summary>
public sealed class LegalAidDbContext(DbContextOptions<LegalAidDbContext> options) : ReferralNetDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddBedBoard();
        modelBuilder.AddReferralEngine();
        modelBuilder.AddCapacity();
    }
}
