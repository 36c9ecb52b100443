using Microsoft.EntityFrameworkCore;
using ReferralNet.BedBoard;
using ReferralNet.Messaging.Data;
using ReferralNet.Referrals;

namespace ReferralNet.BuildingBlocks.Tests.Support;

/// <summary>A service database as the building blocks see it: outbox, inbox, bed board, and a counter whose effect is not idempotent.</summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : ReferralNetDbContext(options)
{
    public DbSet<EffectCounter> Counters => Set<EffectCounter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddBedBoard();
        modelBuilder.AddReferralEngine();
        modelBuilder.Entity<EffectCounter>().ToTable("counters");
    }
}

public sealed class EffectCounter
{
    public string Id { get; set; } = "";
    public int Count { get; set; }
}
