using Microsoft.EntityFrameworkCore;
using ReferralNet.BedBoard;
using ReferralNet.Messaging.Data;
using ReferralNet.Referrals;

namespace ReferralNet.Capacity;

/// <summary>
/// The database of a service that counts capacity (LegalAid, Medical, Vocational): its offerings
/// with the units referrals took, its bed board, and the referral engine of its organisations.
/// Each service derives its own context, so each keeps its own database.
/// </summary>
public abstract class CapacityDbContext(DbContextOptions options) : ReferralNetDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddBedBoard();
        modelBuilder.AddReferralEngine();
        modelBuilder.AddCapacity();
    }
}
