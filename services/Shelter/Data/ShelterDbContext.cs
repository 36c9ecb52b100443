using Microsoft.EntityFrameworkCore;
using ReferralNet.Messaging.Data;
using ReferralNet.Referrals;
using ReferralNet.Shelter.Beds;
using ReferralNet.Shelter.Referrals;
using ReferralNet.Shelter.Shelters;

namespace ReferralNet.Shelter.Data;

/// <summary>The Shelter service's own database.</summary>
public sealed class ShelterDbContext(DbContextOptions<ShelterDbContext> options) : ReferralNetDbContext(options)
{
    public DbSet<ShelterSite> Shelters => Set<ShelterSite>();
    public DbSet<BedInventory> Beds => Set<BedInventory>();
    public DbSet<BedHold> Holds => Set<BedHold>();
    public DbSet<Placement> Placements => Set<Placement>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddReferralEngine();
        modelBuilder.Entity<ShelterSite>(shelter =>
        {
            shelter.ToTable("shelters");
            shelter.HasIndex(s => s.OrganisationId);
            shelter.PrimitiveCollection(s => s.Languages);
        });
        modelBuilder.Entity<BedInventory>(beds =>
        {
            beds.ToTable("bed_inventory");
            beds.HasKey(b => new { b.ShelterId, b.BedType });
            beds.Property(b => b.Version).IsConcurrencyToken();
            beds.HasOne<ShelterSite>().WithMany().HasForeignKey(b => b.ShelterId);
        });
        modelBuilder.Entity<BedHold>(hold =>
        {
            hold.ToTable("bed_holds");
            hold.HasIndex(h => new { h.ShelterId, h.BedType, h.EndedAt });
            hold.HasIndex(h => new { h.EndedAt, h.ExpiresAt });
            hold.Property(h => h.EndReason).HasConversion<string>();
            // A hold ends once: of two racing releases (or a release and the expiry sweep), the later save conflicts and retries.
            hold.Property(h => h.EndedAt).IsConcurrencyToken();
        });
        modelBuilder.Entity<Placement>(placement =>
        {
            placement.ToTable("placements");
            // A referral fills one bed: a second placement of it cannot be stored.
            placement.HasKey(p => new { p.OrganisationId, p.ReferralId });
            placement.HasIndex(p => new { p.ShelterId, p.BedType, p.EndedAt });
            // A placement ends once, so a bed is freed once.
            placement.Property(p => p.EndedAt).IsConcurrencyToken();
        });
    }
}
