namespace ReferralNet.Portal.Shared;

/// <summary>One line of a referral's audit trail as <c>GET /api/referrals/{id}/audit</c> gives it: codes and ids only.</summary>
public sealed record AuditLine(DateTimeOffset At, string Actor, string Action, string? From, string? To, string? Reason, IReadOnlyList<string>? Categories);
