namespace ReferralNet.Contracts.Api;

/// <summary>
/// One line of <c>GET /api/referrals/{id}/audit</c>, oldest first: codes and ids only. <see cref="ActorStaffId"/>
/// is the pseudonymous staff id of the person on this side who acted (null when no person did).
/// </summary>
public sealed record AuditLine(
    DateTimeOffset At,
    string Actor,
    string Action,
    string? From,
    string? To,
    string? Reason,
    IReadOnlyList<string>? Categories,
    string? ActorStaffId = null);
