using Microsoft.EntityFrameworkCore;
using ReferralNet.BedBoard;
using ReferralNet.Capacity;
using ReferralNet.Messaging.Data;
using ReferralNet.Referrals;

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
