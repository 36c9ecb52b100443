using ReferralNet.Medical.Data;

namespace ReferralNet.Capacity.Tests.Medical;

/// <summary>Accepting a medical referral books an appointment: one unit of the clinic's capacity for that service.</summary>
public sealed class Booking_an_appointment(RunningService<MedicalDbContext> service)
    : Taking_capacity<MedicalDbContext>(service), IClassFixture<RunningService<MedicalDbContext>>
{
    protected override string RecipientId => "valley-health";
    protected override string RecipientKey => ApiKeys.ValleyHealth;
    protected override string Service => "medical:mental-health";
    protected override int OwnOfferings => 3;
    protected override string Unit => "appointments";
    protected override string Taking => "appointment";
}
