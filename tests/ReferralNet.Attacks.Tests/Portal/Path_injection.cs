using System.Net;
using System.Text.RegularExpressions;
using ReferralNet.Testing;

namespace ReferralNet.Attacks.Tests.Portal;

/// <summary>
/// Ids typed into the portal's own addresses (a survivor's page, a referral's page, the compose
/// page's <c>?survivor=</c>), made to climb out of the path segment they are meant for: with
/// <c>/</c>, <c>..</c>, <c>?</c>, <c>#</c> and an escaped <c>%2F</c>, once and twice escaped. The
/// service behind the portal is a recorder: only the intended endpoints may be reached (the
/// compose page also lists the survivors).
/// </summary>
public sealed partial class Path_injection(BrokerFixture broker) : IAsyncLifetime
{
    static readonly string[] Ids = ["..", ".", "../../api/operations/referrals", "x?y#z", "a%2Fb", "..%2F..%2Fapi%2Foperations"];

    readonly string _folder = Directory.CreateTempSubdirectory("referralnet-attacks-").FullName;
    readonly RecordingService _legalAid = new();
    AttackedPortal _portal = null!;

    public async ValueTask InitializeAsync() => _portal = await AttackedPortal.StartAsync(broker, _folder, _legalAid.Url);

    [Fact]
    public async Task An_id_in_a_portal_address_reaches_only_the_endpoint_for_that_id()
    {
        var ct = TestContext.Current.CancellationToken;
        using var visitor = new PortalVisitor(_portal.Portal.RestUrl);
        await visitor.SignInAsync("caseworker@justice-bridge.example", ct);

        foreach (var id in Ids)
            foreach (var typed in new[] { Uri.EscapeDataString(id), Uri.EscapeDataString(Uri.EscapeDataString(id)) })
                foreach (var page in new[] { "/survivors/", "/referrals/", "/referrals/new?survivor=" })
                {
                    using var answer = await visitor.Client.GetAsync(page + typed, ct);
                    Assert.True(answer.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{page}{typed} answered {(int)answer.StatusCode}");
                }

        var reached = _legalAid.Targets.ToList();
        Assert.NotEmpty(reached);
        var elsewhere = reached.Where(target => !Intended().IsMatch(target)).Distinct().ToList();
        Assert.True(elsewhere.Count == 0, $"the portal reached other endpoints of the service: {string.Join(", ", elsewhere)}");
    }

    // The survivors' list, or one segment that is not a dot segment (escaped or not), then only the
    // page's own sub-resource (a list, so with its page size), and no other query.
    [GeneratedRegex(@"^/api/(survivors(\?[a-zA-Z0-9=&%._-]*)?|survivors/(?!(\.|%2[eE]){1,2}(/|$))[^/?#]+(/consents(\?limit=\d+)?)?|referrals/(?!(\.|%2[eE]){1,2}(/|$))[^/?#]+(/audit(\?limit=\d+)?)?)$")]
    private static partial Regex Intended();

    public async ValueTask DisposeAsync()
    {
        await _portal.DisposeAsync();
        _legalAid.Dispose();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
