using System.Net;
using ReferralNet.Testing;

namespace ReferralNet.Attacks.Tests.Portal;

/// <summary>
/// Another site's page posts to the portal's sign-out address (a form or fetch that cannot read the
/// portal's pages, so it has no form token): the signed-in caseworker stays signed in. The portal's
/// own Sign out button, which carries the token, still signs out.
/// </summary>
public sealed class Cross_site_sign_out(BrokerFixture broker) : IAsyncLifetime
{
    readonly string _folder = Directory.CreateTempSubdirectory("referralnet-attacks-").FullName;
    readonly RecordingService _legalAid = new();
    AttackedPortal _portal = null!;

    public async ValueTask InitializeAsync() => _portal = await AttackedPortal.StartAsync(broker, _folder, _legalAid.Url);

    [Fact]
    public async Task A_sign_out_post_without_the_portals_form_token_is_refused_and_signs_no_one_out()
    {
        var ct = TestContext.Current.CancellationToken;
        using var visitor = new PortalVisitor(_portal.Portal.RestUrl);
        await visitor.SignInAsync("caseworker@justice-bridge.example", ct);

        using var forged = new HttpRequestMessage(HttpMethod.Post, "/account/signout") { Content = new FormUrlEncodedContent([]) };
        forged.Headers.TryAddWithoutValidation("Origin", "https://evil.example");
        using var answer = await visitor.Client.SendAsync(forged, ct);

        Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"the forged sign-out answered {(int)answer.StatusCode} → {answer.Headers.Location}");
        Assert.True(await visitor.IsSignedInAsync(ct), "the forged sign-out signed the caseworker out");
    }

    [Fact]
    public async Task The_sign_out_button_of_a_portal_page_still_signs_out()
    {
        var ct = TestContext.Current.CancellationToken;
        using var visitor = new PortalVisitor(_portal.Portal.RestUrl);
        await visitor.SignInAsync("caseworker@justice-bridge.example", ct);

        var token = await visitor.FormTokenAsync("/", ct);
        using var answer = await visitor.Client.PostAsync("/account/signout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), ct);

        // On to the identity service, which ends its own session too.
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Contains("/connect/endsession", answer.Headers.Location?.ToString());
        Assert.False(await visitor.IsSignedInAsync(ct), "still signed in after pressing Sign out");
    }

    public async ValueTask DisposeAsync()
    {
        await _portal.DisposeAsync();
        _legalAid.Dispose();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
