using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace ReferralNet.Identity.Accounts;

/// <summary>
/// One-time set-up links: a random token whose SHA-256 alone is kept (as an ASP.NET Identity user
/// token, so no new table), valid for <see cref="Lifetime"/>, gone once used or replaced.
/// </summary>
public sealed class Invitations(UserManager<StaffAccount> users, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(72);
    const string Provider = "referralnet";
    const string Name = "invitation";

    /// <summary>Issues a new token for the account (any earlier one stops working) and returns it.</summary>
    public async Task<string> IssueAsync(StaffAccount account)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var expires = clock.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        await users.SetAuthenticationTokenAsync(account, Provider, Name, $"{Hash(token)}|{expires}");
        return token;
    }

    /// <summary>The account the token sets up, when the token is its current one and has not expired.</summary>
    public async Task<StaffAccount?> FindAsync(string staffId, string token)
    {
        if (await users.FindByIdAsync(staffId) is not { Disabled: false } account)
            return null;
        var stored = await users.GetAuthenticationTokenAsync(account, Provider, Name);
        if (stored?.Split('|') is not [var hash, var expires] || !long.TryParse(expires, out var until))
            return null;
        if (clock.GetUtcNow().ToUnixTimeSeconds() > until)
            return null;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(Hash(token))) ? account : null;
    }

    public Task UseAsync(StaffAccount account) => users.RemoveAuthenticationTokenAsync(account, Provider, Name);

    static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
