using Microsoft.EntityFrameworkCore;
using ReferralNet.Capacity;

namespace ReferralNet.LegalAid.Data;

/// <summary>The LegalAid service's own database: its providers' case types and attorney capacity with the intakes referrals opened (a <see cref="CapacityDbContext"/>: with its bed board and referral engine).</summary>
public sealed class LegalAidDbContext(DbContextOptions<LegalAidDbContext> options) : CapacityDbContext(options);
