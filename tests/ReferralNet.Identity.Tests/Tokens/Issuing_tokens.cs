using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ReferralNet.Identity.Accounts;
using ReferralNet.Identity.Tokens;
using ReferralNet.Identity.Tests.Support;
using Xunit;

namespace ReferralNet.Identity.Tests.Tokens;

public sealed class Issuing_tokens(IdentityHost host)
{
    [Fact]
    public async Task Gives_a_signed_in_caseworker_a_five_minute_jwt_with_the_claims_contract()
    {
        const string Email = "caseworker@justice-bridge.example";
        var browser = host.NewBrowser();

        var tokens = await browser.TokensAsync(Email, "openid offline_access shelter legalaid");

        var access = await Jwt.ValidateAsync(browser.Http, tokens.GetProperty("access_token").GetString()!, "shelter");
        var staffId = await host.WithServiceAsync(async sp => (await sp.GetRequiredService<UserManager<StaffAccount>>().FindByEmailAsync(Email))!.Id);
        Assert.Equal(IdentityHost.Issuer, access.GetProperty("iss").GetString());
        Assert.Equal(["legalaid", "shelter"], Jwt.Values(access, "aud").Order());
        Assert.Equal((long)TokenServerExtensions.AccessTokenLifetime.TotalSeconds, access.GetProperty("exp").GetInt64() - access.GetProperty("iat").GetInt64());
        Assert.True(TokenServerExtensions.AccessTokenLifetime <= TimeSpan.FromSeconds(40), "a disabled account must lose access everywhere within a minute: token lifetime, 15 s skew and a call in flight");
        Assert.Equal(staffId, access.GetProperty("sub").GetString());
        Assert.Matches("^sf-[0-9a-f]{16}$", staffId);
        Assert.Equal("justice-bridge", access.GetProperty("referralnet:org").GetString());
        Assert.Equal("legal-aid", access.GetProperty("referralnet:kind").GetString());
        Assert.Equal(["caseworker"], Jwt.Values(access, "role"));
        Assert.DoesNotContain("justice-bridge.example", access.GetRawText());

        var id = Jwt.Payload(tokens.GetProperty("id_token").GetString()!);
        Assert.Equal(staffId, id.GetProperty("sub").GetString());
        Assert.Equal("justice-bridge", id.GetProperty("referralnet:org").GetString());
        Assert.Equal(["caseworker"], Jwt.Values(id, "role"));
        Assert.False(id.TryGetProperty("referralnet:kind", out _));
    }

    [Fact]
    public async Task Refuses_an_authorization_request_without_pkce()
    {
        var browser = host.NewBrowser();

        var response = await browser.Http.GetAsync(browser.AuthorizeUrl(withPkce: false));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("code_challenge", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Refuses_a_code_redeemed_with_the_wrong_verifier()
    {
        var browser = host.NewBrowser();
        var code = await browser.SignInAsync("shelter-staff@riverside-refuge.example");

        var response = await browser.RedeemAsync(code, Pkce.New().Verifier);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Rolls_the_refresh_token_and_refuses_the_old_one()
    {
        var browser = host.NewBrowser();
        var first = (await browser.TokensAsync("intake@st-mary-clinic.example")).GetProperty("refresh_token").GetString()!;

        var refreshed = await browser.RefreshAsync(first);
        var body = JsonDocument.Parse(await refreshed.Content.ReadAsStringAsync()).RootElement;
        Assert.True(refreshed.IsSuccessStatusCode, body.GetRawText());
        var second = body.GetProperty("refresh_token").GetString()!;
        var access = await Jwt.ValidateAsync(browser.Http, body.GetProperty("access_token").GetString()!, "shelter");

        Assert.NotEqual(first, second);
        Assert.Equal(["intake"], Jwt.Values(access, "role"));
        Assert.Equal("st-mary-clinic", access.GetProperty("referralnet:org").GetString());
        // Past the reuse leeway OpenIddict allows for racing requests, the old token is dead.
        await Task.Delay(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.RefreshAsync(first)).StatusCode);
    }

    [Fact]
    public async Task Gives_an_organisations_client_a_token_with_its_organisation_and_no_staff_id()
    {
        var http = host.CreateClient();

        var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "harbour-house",
            ["client_secret"] = SeededStaff.ClientSecret("harbour-house"),
            ["scope"] = "medical",
        }));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var access = await Jwt.ValidateAsync(http, JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!, "medical");
        Assert.False(access.TryGetProperty("sub", out _));
        Assert.Equal("harbour-house", access.GetProperty("referralnet:org").GetString());
        Assert.Equal("shelter", access.GetProperty("referralnet:kind").GetString());
        Assert.Equal(["medical"], Jwt.Values(access, "aud"));
        Assert.Empty(Jwt.Values(access, "role"));
    }

    [Fact]
    public async Task Refuses_a_client_with_the_wrong_secret()
    {
        var response = await host.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "harbour-house",
            ["client_secret"] = SeededStaff.ClientSecret("safe-haven"),
            ["scope"] = "shelter",
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Publishes_discovery_and_the_signing_key()
    {
        var http = host.CreateClient();

        var discovery = JsonDocument.Parse(await http.GetStringAsync("/.well-known/openid-configuration")).RootElement;
        var jwks = JsonDocument.Parse(await http.GetStringAsync("/.well-known/jwks")).RootElement;

        Assert.Equal(IdentityHost.Issuer, discovery.GetProperty("issuer").GetString());
        Assert.Equal(["S256"], discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("shelter", discovery.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("RSA", jwks.GetProperty("keys")[0].GetProperty("kty").GetString());
    }

    [Fact]
    public async Task Ends_the_session_and_returns_to_the_portal()
    {
        var browser = host.NewBrowser();
        var idToken = (await browser.TokensAsync("shelter-staff@safe-haven.example")).GetProperty("id_token").GetString()!;

        var end = await browser.Http.GetAsync($"/connect/endsession?id_token_hint={idToken}&post_logout_redirect_uri={Uri.EscapeDataString("http://127.0.0.1:5100/signout-callback-oidc")}");
        var authorizeAgain = await browser.Http.GetAsync(browser.AuthorizeUrl());

        Assert.Equal(HttpStatusCode.Redirect, end.StatusCode);
        Assert.StartsWith("http://127.0.0.1:5100/signout-callback-oidc", end.Headers.Location!.OriginalString);
        Assert.StartsWith("/signin?", authorizeAgain.Headers.Location!.OriginalString);
    }
}
