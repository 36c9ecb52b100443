namespace ReferralNet.Contracts.Api;

/// <summary>One line of <c>GET /api/referrals/{id}/audit</c>, oldest first: codes and ids only.</summary>
public sealed record AuditLine(
    DateTimeOffset At,
    string Actor,
    string Action,
    string? From,
    string? To,
    string? Reason,
    IReadOnlyList<string>? Categories);
