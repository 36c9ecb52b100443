using System.Net;
using System.Text.RegularExpressions;
using ReferralNet.Testing;

namespace ReferralNet.Attacks.Tests.Portal;

/// <summary>
/// A plain HTTP client with one cookie jar for the portal and the identity service, signing in the
/// way the sign-in forms do (their antiforgery tokens included). No browser: what is sent is what the test says.
/// </summary>
public sealed partial class PortalVisitor(Uri portal) : IDisposable
{
    readonly HttpClient _client = new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
    {
        BaseAddress = portal,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public HttpClient Client => _client;

    /// <summary>
    /// Signs in as the seeded account <paramref name="email"/> the way a browser does: from the portal
    /// to the identity service's sign-in forms (password, then the authenticator code computed from
    /// the seeded secret), and back to the portal with the authorization code.
    /// </summary>
    public async Task SignInAsync(string email, CancellationToken ct)
    {
        var (url, html) = await FollowAsync(new Uri(_client.BaseAddress!, "/"), ct);
        (url, html) = await SubmitAsync(url, html, ct, ("email", email), ("password", StaffSeeds.Password));
        (url, html) = await SubmitAsync(url, html, ct, ("code", Totp.Code(StaffSeeds.TotpSecret(email), DateTimeOffset.UtcNow)));
        if (url.Authority != _client.BaseAddress!.Authority)
            throw new InvalidOperationException($"signing in as {email} ended at {url}, not at the portal");
    }

    // Posts the page's first form (its hidden fields, e.g. the antiforgery token and returnUrl, and
    // the given ones) and follows the redirects.
    async Task<(Uri Url, string Html)> SubmitAsync(Uri page, string html, CancellationToken ct, params (string Name, string Value)[] fields)
    {
        var form = FormAction().Match(html) is { Success: true } action
            ? new Uri(page, WebUtility.HtmlDecode(action.Groups[1].Value))
            : throw new InvalidOperationException($"{page} has no form");
        var values = HiddenInput().Matches(html).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        foreach (var (name, value) in fields)
            values[name] = value;
        using var answer = await _client.PostAsync(form, new FormUrlEncodedContent(values), ct);
        return answer.Headers.Location is { } next ? await FollowAsync(new Uri(form, next), ct) : (form, await answer.Content.ReadAsStringAsync(ct));
    }

    async Task<(Uri Url, string Html)> FollowAsync(Uri url, CancellationToken ct)
    {
        for (var hops = 0; hops < 10; hops++)
        {
            using var answer = await _client.GetAsync(url, ct);
            if (answer.Headers.Location is not { } next)
                return (url, await answer.Content.ReadAsStringAsync(ct));
            url = new Uri(url, next);
        }
        throw new InvalidOperationException($"more than 10 redirects, the last to {url}");
    }

    /// <summary>The antiforgery token of the first form on <paramref name="page"/>.</summary>
    public async Task<string> FormTokenAsync(string page, CancellationToken ct)
    {
        var html = await _client.GetStringAsync(page, ct);
        return TokenInput().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"{page} has no antiforgery token in its form");
    }

    /// <summary>Whether the start page opens (signed in) rather than sending the visitor to /signin.</summary>
    public async Task<bool> IsSignedInAsync(CancellationToken ct)
    {
        using var answer = await _client.GetAsync("/", ct);
        return answer.StatusCode == HttpStatusCode.OK;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();

    public void Dispose() => _client.Dispose();
}
