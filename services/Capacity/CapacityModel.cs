using Microsoft.EntityFrameworkCore;

namespace ReferralNet.Capacity;

/// <summary>The capacity tables in a service's database.</summary>
public static class CapacityModel
{
    /// <summary>Maps offerings and the units accepted referrals took of them.</summary>
    public static ModelBuilder AddCapacity(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Offering>(offering =>
        {
            offering.ToTable("offerings");
            offering.HasKey(o => new { o.OrganisationId, o.Service });
            offering.HasIndex(o => o.Service);
            offering.PrimitiveCollection(o => o.Languages);
            offering.Property(o => o.Version).IsConcurrencyToken();
            offering.Ignore(o => o.Open);
        });
        modelBuilder.Entity<CapacityTaking>(taking =>
        {
            taking.ToTable("capacity_takings");
            taking.HasKey(t => new { t.OrganisationId, t.ReferralId });
            taking.HasIndex(t => new { t.OrganisationId, t.Service, t.ReturnedAt });
        });
        return modelBuilder;
    }
}
