using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReferralNet.Contracts.Api;
using ReferralNet.Messaging.Data;
using ReferralNet.ServiceDefaults.Http;

namespace ReferralNet.Referrals.Audit;

/// <summary><c>GET /api/referrals/{id}/audit</c>: one side's audit trail of one of its referrals.</summary>
public static class AuditEndpoints
{
    /// <summary>Maps the audit trail under <paramref name="api"/>.</summary>
    public static void MapAudit(this RouteGroupBuilder api) =>
        api.MapGet("/referrals/{id}/audit", async (string id, HttpContext http, ClaimsPrincipal user, ReferralNetDbContext db, CancellationToken ct) =>
        {
            var (page, problem) = PageRequest.Read(http.Request);
            if (problem is not null) return problem;
            var organisationId = user.OrganisationIdOf();
            var side = await db.Set<Referral>().Where(r => r.OrganisationId == organisationId && r.Id == id).Select(r => (ReferralSide?)r.Side).FirstOrDefaultAsync(ct);
            if (side is { } known && !ReferralAccess.MayRead(user, known))
                return Problems.Forbidden(ReferralAccess.ReadRefusal(known));
            return await TrailAsync(db, organisationId, id, page!, ct) is { } trail
                ? page!.Answer(http, trail.Items.Select(e => new AuditLine(e.At, e.ActorOrganisationId, e.Action.Code(), e.FromStatus, e.ToStatus, e.Reason, e.Categories, e.ActorStaffId)), trail.Next)
                : Problems.NotFound($"there is no referral '{id}' of yours");
        }).RequireIdShape(RecordIds.Referral, "referral");

    /// <summary>One page of the organisation's trail of its referral, oldest first; null for a referral not its own.</summary>
    public static async Task<(IReadOnlyList<AuditEntry> Items, string? Next)?> TrailAsync(ReferralNetDbContext db, string organisationId, string referralId, PageRequest page, CancellationToken ct)
    {
        if (!await db.Set<Referral>().AnyAsync(r => r.OrganisationId == organisationId && r.Id == referralId, ct))
            return null;
        // The id is the order of writing; At alone may repeat.
        return await db.Set<AuditEntry>().AsNoTracking()
            .Where(a => a.OrganisationId == organisationId && a.ReferralId == referralId)
            .Since(page, a => a.At)
            .PageAsync(page, a => a.Id, a => a.Id, ct);
    }
}
