namespace ReferralNet.Portal.SignIn;

/// <summary>
/// One person's portal session as the server keeps it: the tokens never go to the browser, whose
/// cookie carries only the session id. Refresh tokens roll, so each is used once, under <see cref="Gate"/>.
/// </summary>
public sealed class SignedInSession(string id, string staffId)
{
    public string Id { get; } = id;
    public string StaffId { get; } = staffId;
    public required string AccessToken { get; set; }
    public required DateTimeOffset AccessTokenExpires { get; set; }
    public string? RefreshToken { get; set; }
    public string? IdToken { get; set; }
    /// <summary>When the identity service last confirmed the session (sign-in or refresh).</summary>
    public required DateTimeOffset CheckedAt { get; set; }
    public bool Ended { get; set; }
    internal SemaphoreSlim Gate { get; } = new(1, 1);
}
