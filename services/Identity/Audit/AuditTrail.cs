using ReferralNet.Identity.Accounts;
using ReferralNet.Identity.Data;

namespace ReferralNet.Identity.Audit;

/// <summary>Records audit entries, each committed at once.</summary>
public sealed class AuditTrail(StaffDbContext db, TimeProvider clock)
{
    public Task RecordAsync(AuditEvent what, StaffAccount? account, StaffActor? actor = null, CancellationToken ct = default) =>
        RecordAsync(new AuditEntry
        {
            Event = what,
            StaffId = account?.Id,
            OrganisationId = account?.OrganisationId,
            ActorStaffId = actor?.StaffId,
        }, ct);

    public async Task RecordAsync(AuditEntry entry, CancellationToken ct = default)
    {
        entry.At = clock.GetUtcNow();
        db.Audit.Add(entry);
        await db.SaveChangesAsync(ct);
    }
}
