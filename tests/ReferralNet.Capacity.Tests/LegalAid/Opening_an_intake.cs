using ReferralNet.LegalAid.Data;

namespace ReferralNet.Capacity.Tests.LegalAid;

/// <summary>Accepting a legal referral opens an intake: one unit of the provider's attorney capacity for that case type.</summary>
public sealed class Opening_an_intake(RunningService<LegalAidDbContext> service)
    : Taking_capacity<LegalAidDbContext>(service), IClassFixture<RunningService<LegalAidDbContext>>
{
    protected override string RecipientId => "justice-bridge";
    protected override string RecipientKey => ApiKeys.JusticeBridge;
    protected override string Service => "legal:victim-witness";
    protected override int OwnOfferings => 4;
    protected override string Unit => "attorney capacity";
    protected override string Taking => "intake";
}
