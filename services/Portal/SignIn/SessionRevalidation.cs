using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace ReferralNet.Portal.SignIn;

/// <summary>
/// An open interactive page (a circuit) re-checks its session on this timer: when the session has
/// ended (account disabled, signed out elsewhere) the page loses its signed-in state without waiting
/// for a navigation.
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory loggers, SignedInSessions sessions) : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(15);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct) =>
        sessions.IsActiveAsync(state.User.FindFirstValue(PortalAccess.SessionClaim), ct);
}
