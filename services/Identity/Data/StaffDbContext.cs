using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ReferralNet.Identity.Accounts;
using ReferralNet.Identity.Audit;

namespace ReferralNet.Identity.Data;

/// <summary>Staff accounts, their roles and second factors, OpenIddict's clients and tokens, and the sign-in audit.</summary>
public sealed class StaffDbContext(DbContextOptions<StaffDbContext> options) : IdentityDbContext<StaffAccount, IdentityRole, string>(options)
{
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<StaffAccount>(account =>
        {
            account.Property(a => a.Id).HasMaxLength(StaffIds.Length);
            account.Property(a => a.OrganisationId).HasMaxLength(64).IsRequired();
            account.HasIndex(a => a.OrganisationId);
        });
        builder.Entity<AuditEntry>(entry =>
        {
            entry.ToTable("audit");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Event).HasConversion<string>().HasMaxLength(40);
            entry.Property(e => e.StaffId).HasMaxLength(StaffIds.Length);
            entry.Property(e => e.OrganisationId).HasMaxLength(64);
            entry.Property(e => e.ActorStaffId).HasMaxLength(StaffIds.Length);
            entry.Property(e => e.ClientId).HasMaxLength(64);
            entry.HasIndex(e => new { e.StaffId, e.At });
        });
    }
}
