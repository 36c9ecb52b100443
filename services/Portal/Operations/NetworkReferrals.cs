namespace ReferralNet.Portal.Operations;

/// <summary>
/// <c>GET /api/operations/referrals</c> of one service (operators only): counts of the referrals its
/// organisations sent, by status; the overdue ones; its outbox. Ids and codes only.
/// </summary>
public sealed record NetworkReferrals(
    string Service,
    Dictionary<string, int> CountsByStatus,
    IReadOnlyList<OverdueReferral> Overdue,
    OutboxState? Outbox);

/// <summary>An overdue referral as the operator sees it: no survivor, no note.</summary>
public sealed record OverdueReferral(string Id, string Status, string Priority, DateTimeOffset DueAt, string FromOrganisationId, string ToOrganisationId);

/// <summary>A service's outbox: rows waiting for the broker and the oldest one's age.</summary>
public sealed record OutboxState(long Backlog, double OldestAgeSeconds);

/// <summary><c>GET /api/operations/referrals/{id}</c>: one service's record of a referral, with the trace it started in.</summary>
public sealed record ReferralTrace(
    string Id, string Status, string Priority, string Side, DateTimeOffset RequestedAt,
    DateTimeOffset? ReceivedAt, DateTimeOffset? AnsweredAt, bool Overdue, string? TraceId);
