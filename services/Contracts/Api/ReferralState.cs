namespace ReferralNet.Contracts.Api;

/// <summary>
/// One referral as the network operator sees it: where it stands and the trace it began in, so
/// a stuck referral can be followed in the dashboard. Ids, codes and times only.
/// </summary>
public sealed record ReferralState(
    string Id,
    string Status,
    string Priority,
    string Side,
    DateTimeOffset RequestedAt,
    DateTimeOffset? ReceivedAt,
    DateTimeOffset? AnsweredAt,
    bool Overdue,
    string? TraceId);
