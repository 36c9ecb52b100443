using System.Net;
using System.Text.RegularExpressions;

namespace ReferralNet.Attacks.Tests.Portal;

/// <summary>
/// A plain HTTP client with a cookie jar in front of the portal, signing in the way the sign-in
/// page's form does (its antiforgery token included). No browser: what is sent is what the test says.
/// </summary>
public sealed partial class PortalVisitor(Uri portal) : IDisposable
{
    readonly HttpClient _client = new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
    {
        BaseAddress = portal,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public HttpClient Client => _client;

    /// <summary>Signs in as <paramref name="organisation"/> through the sign-in page's form.</summary>
    public async Task SignInAsync(string organisation, CancellationToken ct)
    {
        var token = await FormTokenAsync("/signin", ct);
        using var answer = await _client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["organisation"] = organisation,
            ["__RequestVerificationToken"] = token,
        }), ct);
        if (answer.StatusCode != HttpStatusCode.Redirect || answer.Headers.Location?.ToString() != "/")
            throw new InvalidOperationException($"signing in as {organisation} answered {(int)answer.StatusCode} → {answer.Headers.Location}");
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

    public void Dispose() => _client.Dispose();
}
