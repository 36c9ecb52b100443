namespace ReferralNet.EndToEnd.Tests.Referrals;

/// <summary>One entry of <c>GET /api/referrals/{id}/audit</c>.</summary>
public sealed record AuditLine(DateTimeOffset At, string Actor, string Action, string? From, string? To, string? Reason, IReadOnlyList<string> Categories);
