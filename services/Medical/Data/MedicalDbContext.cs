using Microsoft.EntityFrameworkCore;
using ReferralNet.Capacity;

namespace ReferralNet.Medical.Data;

/// <summary>The Medical service's own database: its clinics' services and appointment capacity with the appointments referrals booked (a <see cref="CapacityDbContext"/>: with its bed board and referral engine).</summary>
public sealed class MedicalDbContext(DbContextOptions<MedicalDbContext> options) : CapacityDbContext(options);
