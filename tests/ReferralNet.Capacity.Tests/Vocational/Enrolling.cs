using ReferralNet.Vocational.Data;

namespace ReferralNet.Capacity.Tests.Vocational;

/// <summary>Accepting a vocational referral enrols: it takes one seat of the programme.</summary>
public sealed class Enrolling(RunningService<VocationalDbContext> service)
    : Taking_capacity<VocationalDbContext>(service), IClassFixture<RunningService<VocationalDbContext>>
{
    protected override string RecipientId => "skills-forward";
    protected override string RecipientKey => ApiKeys.SkillsForward;
    protected override string Service => "vocational:education";
    protected override int OwnOfferings => 2;
    protected override string Unit => "seats";
    protected override string Taking => "enrolment";
}
