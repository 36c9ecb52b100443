using System.Diagnostics;
using ReferralNet.Contracts.Api;
using ReferralNet.Referrals;

namespace ReferralNet.Referrals.Operations;

/// <summary>Reads what the operations API shows from a service's own database.</summary>
public sealed class ReferralOperations(ReferralNetDbContext db, TimeProvider clock)
{
    /// <summary>Counts by status and the overdue referrals of those this service's organisations sent, and the outbox.</summary>
    public async Task<ReferralOverview> OverviewAsync(string service, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var sent = db.Set<Referral>().AsNoTracking().Where(r => r.Side == ReferralSide.Requester);
        var counts = await sent.GroupBy(r => r.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        // Every status appears, zero or not, so a dashboard's columns do not come and go.
        var countsByStatus = Codes.All<ReferralStatus>().ToDictionary(s => s, _ => 0);
        foreach (var count in counts)
            countsByStatus[count.Status.Code()] = count.Count;

        // The rule of Referral.IsOverdueAt, in SQL.
        var overdue = await sent
            .Where(r => r.Status == ReferralStatus.Requested && r.AnsweredAt == null && r.DueAt < now)
            .OrderBy(r => r.DueAt)
            // The longest overdue first, at most one page of them: an overview, not a list to page through.
            .Take(Paging.MaxLimit)
            .Select(r => new OverdueReferral(r.Id, r.Status.Code(), r.Priority, r.DueAt, r.FromOrganisationId, r.ToOrganisationId))
            .ToListAsync(ct);

        var waiting = db.Outbox.AsNoTracking().Where(m => m.SentAt == null);
        var backlog = await waiting.LongCountAsync(ct);
        var oldest = backlog == 0 ? null : await waiting.OrderBy(m => m.Sequence).Select(m => (DateTimeOffset?)m.CreatedAt).FirstOrDefaultAsync(ct);
        var oldestAge = oldest is { } createdAt ? Math.Max(0, (now - createdAt).TotalSeconds) : 0;

        return new ReferralOverview(service, countsByStatus, overdue, new OutboxState(backlog, oldestAge));
    }

    /// <summary>
    /// The referral of that id this service holds, or null. When the sender and the recipient are
    /// both hosted here, the sender's record answers.
    /// </summary>
    public async Task<ReferralState?> FindAsync(string id, CancellationToken ct)
    {
        var records = await db.Set<Referral>().AsNoTracking().Where(r => r.Id == id).ToListAsync(ct);
        var referral = records.FirstOrDefault(r => r.Side == ReferralSide.Requester) ?? records.FirstOrDefault();
        if (referral is null)
            return null;
        return new ReferralState(
            referral.Id,
            referral.Status.Code(),
            referral.Priority,
            ReferralMetrics.SideName(referral.Side),
            referral.RequestedAt,
            referral.ReceivedAt,
            referral.AnsweredAt,
            referral.IsOverdueAt(clock.GetUtcNow()),
            TraceIdOf(referral.OriginTraceParent));
    }

    /// <summary>The trace id (32 hex digits) of a W3C traceparent, or null when there is none or it is malformed.</summary>
    public static string? TraceIdOf(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, out var context)
            ? context.TraceId.ToHexString()
            : null;
}
