using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace ReferralNet.Identity.Tests.Support;

/// <summary>
/// A browser and the portal in one: keeps cookies, reads the sign-in pages' forms (with their
/// antiforgery tokens) and posts them, and redeems codes at the token endpoint as the portal would.
/// </summary>
public sealed partial class Browser(HttpClient http)
{
    public HttpClient Http => http;

    public Pkce Pkce { get; } = Pkce.New();

    public string AuthorizeUrl(string scope = "openid offline_access shelter", bool withPkce = true) =>
        "/connect/authorize?client_id=portal&response_type=code"
        + $"&redirect_uri={Uri.EscapeDataString(IdentityHost.PortalRedirectUri)}&scope={Uri.EscapeDataString(scope)}&state=s-{Guid.NewGuid():N}"
        + (withPkce ? $"&code_challenge={Pkce.Challenge}&code_challenge_method=S256" : "");

    /// <summary>Starts at the authorization endpoint and returns the sign-in page it leads to.</summary>
    public async Task<Page> StartAsync(string scope = "openid offline_access shelter")
    {
        var authorize = await http.GetAsync(AuthorizeUrl(scope));
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        Assert.StartsWith("/signin?", authorize.Headers.Location!.OriginalString);
        return await GetAsync(authorize.Headers.Location.OriginalString);
    }

    public async Task<Page> GetAsync(string url)
    {
        var response = await http.GetAsync(url);
        return new Page(response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts the page's form (hidden fields, antiforgery token included) with these fields.</summary>
    public async Task<Page> SubmitAsync(Page page, params (string Name, string Value)[] fields)
    {
        var action = FormAction().Match(page.Html).Groups[1].Value;
        var values = Hidden().Matches(page.Html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        foreach (var (name, value) in fields)
            values[name] = value;
        var response = await http.PostAsync(action, new FormUrlEncodedContent(values));
        return new Page(response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Follows one redirect.</summary>
    public Task<Page> FollowAsync(Page page)
    {
        Assert.True(page.Response.StatusCode == HttpStatusCode.Redirect, $"expected a redirect, got {(int)page.Response.StatusCode}: {page.Html}");
        return GetAsync(page.Response.Headers.Location!.OriginalString);
    }

    /// <summary>Signs in with password and the TOTP code computed from the seeded secret, and returns the authorization code.</summary>
    public async Task<string> SignInAsync(string email, string? password = null, string scope = "openid offline_access shelter")
    {
        var seed = SeededStaff.Account(email);
        var page = await StartAsync(scope);
        var codePage = await FollowAsync(await SubmitAsync(page, ("email", email), ("password", password ?? SeededStaff.Password)));
        var signedIn = await SubmitAsync(codePage, ("code", Totp.Code(seed.TotpSecret, DateTimeOffset.UtcNow)));
        return await CodeAfterAsync(signedIn);
    }

    /// <summary>From the redirect a finished sign-in gives, back through the authorization endpoint to the portal's code.</summary>
    public async Task<string> CodeAfterAsync(Page signedIn)
    {
        Assert.True(signedIn.Response.StatusCode == HttpStatusCode.Redirect, $"the sign-in did not finish: {signedIn.Html}");
        var authorize = await http.GetAsync(signedIn.Response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var location = authorize.Headers.Location!;
        Assert.StartsWith(IdentityHost.PortalRedirectUri + "?", location.OriginalString);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query);
        Assert.True(query.ContainsKey("code"), $"no code in {location}");
        return query["code"].ToString();
    }

    public Task<HttpResponseMessage> RedeemAsync(string code, string? verifier = null) =>
        http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = IdentityHost.PortalRedirectUri,
            ["client_id"] = "portal",
            ["client_secret"] = SeededStaff.ClientSecret("portal"),
            ["code_verifier"] = verifier ?? Pkce.Verifier,
        }));

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = "portal",
            ["client_secret"] = SeededStaff.ClientSecret("portal"),
        }));

    /// <summary>Signs in and redeems the code: the token response.</summary>
    public async Task<JsonElement> TokensAsync(string email, string scope = "openid offline_access shelter")
    {
        var response = await RedeemAsync(await SignInAsync(email, scope: scope));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [GeneratedRegex("""<form method="post" action="([^"]+)">""")]
    private static partial Regex FormAction();

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]*)">""")]
    private static partial Regex Hidden();

    public sealed record Page(HttpResponseMessage Response, string Html);
}
