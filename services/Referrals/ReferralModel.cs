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
        });
        modelBuilder.Entity<ConsentRecord>(consent =>
        {
            consent.ToTable("consents");
            consent.HasIndex(c => new { c.OrganisationId, c.SurvivorId, c.RecipientOrganisationId });
            consent.HasIndex(c => new { c.WithdrawnAt, c.ExpiresAt });
            consent.PrimitiveCollection(c => c.Categories);
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
            referral.Property(r => r.Version).IsConcurrencyToken();
            referral.PrimitiveCollection(r => r.NeedLanguages);
            referral.PrimitiveCollection(r => r.SharedCategories);
        });
        modelBuilder.Entity<AuditEntry>(audit =>
        {
            audit.ToTable("audit");
            audit.HasIndex(a => new { a.OrganisationId, a.ReferralId, a.Id });
            audit.PrimitiveCollection(a => a.Categories);
        });
        return modelBuilder;
    }
}
