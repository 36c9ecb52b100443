using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReferralNet.Contracts.Api;
using ReferralNet.ServiceDefaults.Http;

namespace ReferralNet.Referrals.Audit;

/// <summary><c>GET /api/referrals/{id}/audit</c>: one side's audit trail of one of its referrals.</summary>
public static class AuditEndpoints
{
    /// <summary>Maps the audit trail under <paramref name="api"/>.</summary>
    public static void MapAudit(this RouteGroupBuilder api) =>
        api.MapGet("/referrals/{id}/audit", async (string id, ClaimsPrincipal user, ReferralNetDbContext db, CancellationToken ct) =>
            await TrailAsync(db, user.OrganisationIdOf(), id, ct) is { } entries
                ? Results.Ok(entries.Select(e => new AuditLine(e.At, e.ActorOrganisationId, e.Action.Code(), e.FromStatus, e.ToStatus, e.Reason, e.Categories)))
                : Problems.NotFound($"there is no referral '{id}' of yours")).RequireIdShape(RecordIds.Referral, "referral");

    /// <summary>The organisation's trail of its referral, oldest first; null for a referral not its own.</summary>
    public static async Task<IReadOnlyList<AuditEntry>?> TrailAsync(ReferralNetDbContext db, string organisationId, string referralId, CancellationToken ct)
    {
        if (!await db.Set<Referral>().AnyAsync(r => r.OrganisationId == organisationId && r.Id == referralId, ct))
            return null;
        return await db.Set<AuditEntry>().AsNoTracking()
            .Where(a => a.OrganisationId == organisationId && a.ReferralId == referralId)
            .OrderBy(a => a.Id)
            .ToListAsync(ct);
    }
}
