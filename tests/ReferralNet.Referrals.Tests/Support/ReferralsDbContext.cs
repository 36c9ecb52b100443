namespace ReferralNet.Referrals.Tests.Support;

/// <summary>A service database with the referral engine's tables and nothing else.</summary>
public sealed class ReferralsDbContext(DbContextOptions<ReferralsDbContext> options) : ReferralNetDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddReferralEngine();
    }
}
