using Microsoft.EntityFrameworkCore;
using ReferralNet.Messaging.Data;

namespace ReferralNet.Messaging.Tests.Support;

/// <summary>A service database as the messaging sees it: outbox, inbox, and a counter whose effect is not idempotent.</summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : ReferralNetDbContext(options)
{
    public DbSet<EffectCounter> Counters => Set<EffectCounter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<EffectCounter>().ToTable("counters");
    }
}

public sealed class EffectCounter
{
    public string Id { get; set; } = "";
    public int Count { get; set; }
}
