using Microsoft.EntityFrameworkCore;
using ReferralNet.Capacity;

namespace ReferralNet.Vocational.Data;

/// <summary>The Vocational service's own database: its programmes and seats with the enrolments referrals made (a <see cref="CapacityDbContext"/>: with its bed board and referral engine).</summary>
public sealed class VocationalDbContext(DbContextOptions<VocationalDbContext> options) : CapacityDbContext(options);
