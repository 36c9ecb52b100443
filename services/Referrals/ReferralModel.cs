using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ReferralNet.Referrals.Audit;
using ReferralNet.Referrals.Consent;
using ReferralNet.Referrals.Survivors;

namespace ReferralNet.Referrals;

/// <summary>The referral engine's tables in a service's database.</summary>
public static class ReferralModel
{
    /// <summary>Maps survivors, consents, disclosures, referrals and the audit trail.</summary>
    public static ModelBuilder AddReferralEngine(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Survivor>(survivor =>
        {
            survivor.ToTable("survivors");
            survivor.HasIndex(s => s.OrganisationId);
            survivor.PrimitiveCollection(s => s.Languages);
            survivor.PrimitiveCollection(s => s.Needs);
            survivor.OwnsProfile(s => s.Profile, profile =>
            {
                profile.Ignore(p => p.Note);
                // The table keeps the column order it was created with, the needs among the
                // profile's columns: the model hash of an existing database must still match.
                string[] leading = ["Id", "OrganisationId", "GivenName", "FamilyName", "DateOfBirth", "Gender", "Phone", "Email", "Languages", "Dependants", "Needs"];
                foreach (var (column, order) in leading.Select((c, i) => (c, i)))
                    (profile.OwnedEntityType.FindProperty(column) is null ? survivor.Property(column) : profile.Property(column)).HasColumnOrder(order);
            });
        });
        modelBuilder.Entity<ConsentRecord>(consent =>
        {
            consent.ToTable("consents");
            consent.HasIndex(c => new { c.OrganisationId, c.SurvivorId, c.RecipientOrganisationId });
            consent.HasIndex(c => new { c.WithdrawnAt, c.ExpiresAt });
            consent.PrimitiveCollection(c => c.Categories);
            consent.Property(c => c.Method).HasConversion(new CodeConverter<ConsentMethod>());
        });
        modelBuilder.Entity<WithdrawnConsent>(withdrawn =>
        {
            withdrawn.ToTable("withdrawn_consents");
            withdrawn.HasKey(w => new { w.OrganisationId, w.ConsentId });
        });
        modelBuilder.Entity<Disclosure>(disclosure =>
        {
            disclosure.ToTable("disclosures");
            disclosure.HasIndex(d => new { d.OrganisationId, d.ConsentId });
            disclosure.PrimitiveCollection(d => d.Categories);
        });
        modelBuilder.Entity<Referral>(referral =>
        {
            referral.ToTable("referrals");
            referral.HasKey(r => new { r.OrganisationId, r.Id });
            referral.HasIndex(r => new { r.OrganisationId, r.Side, r.Status });
            referral.HasIndex(r => new { r.OrganisationId, r.ConsentId });
            referral.Property(r => r.Side).HasConversion<string>();
            referral.Property(r => r.Status).HasConversion(new CodeConverter<ReferralStatus>());
            referral.Property(r => r.Version).IsConcurrencyToken();
            referral.PrimitiveCollection(r => r.NeedLanguages);
            referral.PrimitiveCollection(r => r.SharedCategories);
            referral.OwnsProfile(r => r.Profile);
        });
        modelBuilder.Entity<AuditEntry>(audit =>
        {
            audit.ToTable("audit");
            audit.HasIndex(a => new { a.OrganisationId, a.ReferralId, a.Id });
            audit.PrimitiveCollection(a => a.Categories);
            audit.Property(a => a.Action).HasConversion(new CodeConverter<AuditAction>());
        });
        return modelBuilder;
    }

    /// <summary>
    /// Maps a <see cref="SurvivorProfile"/> into its owner's table, each field in the column of its
    /// own name (as before it was a type of its own), and always present, even when every field is null.
    /// </summary>
    static void OwnsProfile<TOwner>(this EntityTypeBuilder<TOwner> owner, Expression<Func<TOwner, SurvivorProfile?>> navigation,
        Action<OwnedNavigationBuilder<TOwner, SurvivorProfile>>? configure = null) where TOwner : class
    {
        owner.OwnsOne(navigation, (OwnedNavigationBuilder<TOwner, SurvivorProfile> profile) =>
        {
            configure?.Invoke(profile);
            foreach (var field in profile.OwnedEntityType.GetDeclaredProperties().Where(p => p.PropertyInfo is not null).ToList())
                profile.Property(field.Name).HasColumnName(field.Name);
        });
        owner.Navigation(navigation).IsRequired();
    }

    /// <summary>Stores a value of a fixed set as its code, the text it was stored as when it was a string.</summary>
    sealed class CodeConverter<T>() : ValueConverter<T, string>(v => Codes.Code(v), s => Codes.Parse<T>(s)) where T : struct, Enum;
}
