using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace ReferralNet.Portal.SignIn;

/// <summary>
/// The signed-in sessions and their tokens, kept in this process only: a restart of the portal
/// sends everyone through the identity service again (silently while its own session lasts).
/// Every <see cref="PortalIdentityOptions.SessionCheckInterval"/> a session in use is confirmed with
/// a refresh-token grant; a refusal (account disabled, tokens revoked) ends it, so a disabled
/// account loses the portal within about that interval, not when its 5-minute access token expires.
/// </summary>
public sealed partial class SignedInSessions(
    IHttpClientFactory clients,
    IOptionsMonitor<OpenIdConnectOptions> oidc,
    IOptions<PortalIdentityOptions> options,
    TimeProvider clock,
    ILogger<SignedInSessions> logger)
{
    public const string ClientName = "identity";

    // A token this close to expiry is refreshed before use: a call may take a while to reach the service.
    // (Tokens live 40 s, so this must stay well under that, or every use would refresh.)
    static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(15);
    static readonly TimeSpan Abandoned = TimeSpan.FromHours(12);

    readonly ConcurrentDictionary<string, SignedInSession> _sessions = new(StringComparer.Ordinal);

    /// <summary>Keeps the tokens of a sign-in that just finished and returns its session id.</summary>
    public string Start(string staffId, OpenIdConnectMessage tokens)
    {
        Prune();
        var now = clock.GetUtcNow();
        var session = new SignedInSession(Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)), staffId)
        {
            AccessToken = tokens.AccessToken,
            AccessTokenExpires = now.AddSeconds(ExpiresIn(tokens.ExpiresIn)),
            RefreshToken = tokens.RefreshToken,
            IdToken = tokens.IdToken,
            CheckedAt = now,
        };
        _sessions[session.Id] = session;
        return session.Id;
    }

    /// <summary>Whether the session still stands, asking the identity service when it was not asked lately.</summary>
    public async Task<bool> IsActiveAsync(string? sessionId, CancellationToken ct = default) =>
        await FreshAsync(sessionId, ct) is not null;

    /// <summary>A current access token for the session, or null when the session has ended.</summary>
    public async Task<string?> AccessTokenAsync(string? sessionId, CancellationToken ct = default) =>
        (await FreshAsync(sessionId, ct))?.AccessToken;

    /// <summary>Ends the session here and revokes its refresh token; returns its id token (the end-session hint).</summary>
    public async Task<string?> EndAsync(string? sessionId, CancellationToken ct = default)
    {
        if (sessionId is null || !_sessions.TryRemove(sessionId, out var session))
            return null;
        await session.Gate.WaitAsync(ct);
        try
        {
            session.Ended = true;
            if (session.RefreshToken is { } refreshToken)
                await RevokeAsync(refreshToken, ct);
            return session.IdToken;
        }
        finally { session.Gate.Release(); }
    }

    async Task<SignedInSession?> FreshAsync(string? sessionId, CancellationToken ct)
    {
        if (sessionId is null || !_sessions.TryGetValue(sessionId, out var session) || session.Ended)
            return null;
        if (!NeedsRefresh(session))
            return session;
        await session.Gate.WaitAsync(ct);
        try
        {
            // Another request may have refreshed it while this one waited.
            if (session.Ended)
                return null;
            if (NeedsRefresh(session))
                await RefreshAsync(session, ct);
            return session.Ended ? null : session;
        }
        finally { session.Gate.Release(); }
    }

    bool NeedsRefresh(SignedInSession session)
    {
        var now = clock.GetUtcNow();
        return now - session.CheckedAt >= options.Value.SessionCheckInterval || session.AccessTokenExpires - now <= ExpiryMargin;
    }

    async Task RefreshAsync(SignedInSession session, CancellationToken ct)
    {
        if (session.RefreshToken is not { } refreshToken)
        {
            End(session, "no refresh token");
            return;
        }
        HttpResponseMessage response;
        try
        {
            var configuration = await ConfigurationAsync(ct);
            response = await clients.CreateClient(ClientName).PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = Oidc.ClientId!,
                ["client_secret"] = Oidc.ClientSecret!,
            }), ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            // The identity service is out of reach: the session lasts while its access token does.
            LogIdentityUnreachable(session.StaffId, e.GetType().Name);
            if (session.AccessTokenExpires <= clock.GetUtcNow())
                End(session, "identity service unreachable and access token expired");
            return;
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                // 400 invalid_grant: disabled, revoked or expired. Anything else (5xx) is the service's trouble, not the person's.
                if ((int)response.StatusCode is >= 400 and < 500 || session.AccessTokenExpires <= clock.GetUtcNow())
                    End(session, $"refresh refused ({(int)response.StatusCode})");
                return;
            }
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var now = clock.GetUtcNow();
            session.AccessToken = root.GetProperty("access_token").GetString()!;
            session.AccessTokenExpires = now.AddSeconds(root.TryGetProperty("expires_in", out var expires) ? expires.GetInt32() : 30); // unknown: assume short
            if (root.TryGetProperty("refresh_token", out var rolled))
                session.RefreshToken = rolled.GetString();
            if (root.TryGetProperty("id_token", out var idToken))
                session.IdToken = idToken.GetString();
            session.CheckedAt = now;
        }
    }

    async Task RevokeAsync(string refreshToken, CancellationToken ct)
    {
        try
        {
            var configuration = await ConfigurationAsync(ct);
            var endpoint = configuration.AdditionalData.TryGetValue("revocation_endpoint", out var value) ? value?.ToString() : null;
            if (endpoint is null)
                return;
            using var response = await clients.CreateClient(ClientName).PostAsync(endpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["token"] = refreshToken,
                ["token_type_hint"] = "refresh_token",
                ["client_id"] = Oidc.ClientId!,
                ["client_secret"] = Oidc.ClientSecret!,
            }), ct);
            if (!response.IsSuccessStatusCode)
                LogRevocationFailed((int)response.StatusCode);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            LogRevocationFailed(0);
        }
    }

    void End(SignedInSession session, string why)
    {
        session.Ended = true;
        _sessions.TryRemove(session.Id, out _);
        LogSessionEnded(session.StaffId, why);
    }

    void Prune()
    {
        var cutoff = clock.GetUtcNow() - Abandoned;
        foreach (var (id, session) in _sessions)
        {
            if (session.CheckedAt < cutoff)
                _sessions.TryRemove(id, out _);
        }
    }

    OpenIdConnectOptions Oidc => oidc.Get(SignInExtensions.OidcScheme);

    Task<OpenIdConnectConfiguration> ConfigurationAsync(CancellationToken ct) =>
        Oidc.ConfigurationManager?.GetConfigurationAsync(ct) ?? throw new InvalidOperationException("the OpenID Connect handler has no configuration manager");

    static int ExpiresIn(string? value) => int.TryParse(value, out var seconds) ? seconds : 30; // unknown: assume short

    [LoggerMessage(Level = LogLevel.Information, Message = "Portal session of {StaffId} ended: {Reason}")]
    partial void LogSessionEnded(string staffId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The identity service did not answer a refresh for {StaffId} ({Error})")]
    partial void LogIdentityUnreachable(string staffId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Revoking a refresh token at sign-out failed ({Status})")]
    partial void LogRevocationFailed(int status);
}
