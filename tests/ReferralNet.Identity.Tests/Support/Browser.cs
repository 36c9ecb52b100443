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
        // A form without an action posts back to the page's own address (the set-up page).
        var form = FormAction().Match(page.Html);
        Assert.True(form.Success, $"no form on the page: {page.Html}");
        var action = form.Groups[1].Success ? form.Groups[1].Value : page.Response.RequestMessage!.RequestUri!.PathAndQuery;
        var values = Hidden().Matches(page.Html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        foreach (var (name, value) in fields)
            values[name] = value;
        var response = await http.PostAsync(action, new FormUrlEncodedContent(values));
        return new Page(response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts the form of the page whose action is <paramref name="action"/> (a page can hold several), with its hidden fields and these fields.</summary>
    public async Task<Page> SubmitFormAsync(Page page, string action, params (string Name, string Value)[] fields)
    {
        var form = Regex.Match(page.Html, $"""<form method="post" action="{Regex.Escape(action)}">(.*?)</form>""", RegexOptions.Singleline);
        Assert.True(form.Success, $"no form posting to {action} on the page: {page.Html}");
        var values = new List<KeyValuePair<string, string>>(Hidden().Matches(form.Groups[1].Value)
            .Select(m => KeyValuePair.Create(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value))));
        values.AddRange(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));
        var response = await http.PostAsync(action, new FormUrlEncodedContent(values));
        return new Page(response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts to <paramref name="url"/> with the antiforgery token of the page's first form, as a forged or hand-made form would.</summary>
    public async Task<Page> PostWithTokenOfAsync(Page page, string url, params (string Name, string Value)[] fields)
    {
        var token = Hidden().Matches(page.Html).Select(m => KeyValuePair.Create(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)))
            .First(f => f.Key != "returnUrl");
        var response = await http.PostAsync(url, new FormUrlEncodedContent([token, .. fields.Select(f => KeyValuePair.Create(f.Name, f.Value))]));
        return new Page(response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Goes to the staff pages, signs in there with password and a code from <paramref name="totpSecret"/>, and returns the staff list it lands on.</summary>
    public async Task<Page> SignInToStaffPagesAsync(string email, string password, string totpSecret)
    {
        var signInPage = await FollowAsync(await GetAsync("/staff"));
        var codePage = await FollowAsync(await SubmitAsync(signInPage, ("email", email), ("password", password)));
        var signedIn = await SubmitAsync(codePage, ("code", Totp.Code(totpSecret, DateTimeOffset.UtcNow)));
        Assert.Equal("/staff", signedIn.Response.Headers.Location?.OriginalString);
        return await FollowAsync(signedIn);
    }

    /// <summary>Follows one redirect.</summary>
    public Task<Page> FollowAsync(Page page)
    {
        Assert.True(page.Response.StatusCode == HttpStatusCode.Redirect, $"expected a redirect, got {(int)page.Response.StatusCode}: {page.Html}");
        return GetAsync(page.Response.Headers.Location!.OriginalString);
    }

    /// <summary>Signs in with password and the TOTP code computed from the seeded secret, and returns the authorization code.</summary>
    public Task<string> SignInAsync(string email, string? password = null, string scope = "openid offline_access shelter") =>
        SignInAsync(email, password ?? SeededStaff.Password, SeededStaff.Account(email).TotpSecret, scope);

    /// <summary>Signs in with password and a TOTP code computed from <paramref name="totpSecret"/>, and returns the authorization code.</summary>
    public async Task<string> SignInAsync(string email, string password, string totpSecret, string scope = "openid offline_access shelter")
    {
        var page = await StartAsync(scope);
        var codePage = await FollowAsync(await SubmitAsync(page, ("email", email), ("password", password)));
        var signedIn = await SubmitAsync(codePage, ("code", Totp.Code(totpSecret, DateTimeOffset.UtcNow)));
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
    public async Task<JsonElement> TokensAsync(string email, string scope = "openid offline_access shelter") =>
        await TokenResponseAsync(await RedeemAsync(await SignInAsync(email, scope: scope)));

    /// <summary>Signs in with this password and authenticator secret and redeems the code: the token response.</summary>
    public async Task<JsonElement> TokensAsync(string email, string password, string totpSecret, string scope = "openid offline_access shelter") =>
        await TokenResponseAsync(await RedeemAsync(await SignInAsync(email, password, totpSecret, scope)));

    static async Task<JsonElement> TokenResponseAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [GeneratedRegex("""<form method="post"(?: action="([^"]+)")?>""")]
    private static partial Regex FormAction();

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]*)">""")]
    private static partial Regex Hidden();

    public sealed record Page(HttpResponseMessage Response, string Html)
    {
        /// <summary>The page's error message (its <c>role="alert"</c> paragraph), decoded; null when it shows none.</summary>
        public string? Alert => AlertText().Match(Html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
    }

    [GeneratedRegex("""<p role="alert" class="message">(.*?)</p>""", RegexOptions.Singleline)]
    private static partial Regex AlertText();
}
