using System.Net;

namespace ReferralNet.ServiceDefaults.Tests.Edges;

public sealed class Host_filtering
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static async Task<HttpStatusCode> StatusForHostAsync(EdgeApp app, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/open");
        request.Headers.Host = host;
        using var answer = await app.Client().SendAsync(request, Ct);
        return answer.StatusCode;
    }

    [Fact]
    public async Task Answers_the_loopback_names_and_refuses_any_other_host_with_400()
    {
        await using var app = await EdgeApp.StartAsync(new Dictionary<string, string?>());

        Assert.Equal(HttpStatusCode.OK, await StatusForHostAsync(app, "localhost"));
        Assert.Equal(HttpStatusCode.OK, await StatusForHostAsync(app, "127.0.0.1:5101"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusForHostAsync(app, "attacker.example"));
    }

    [Fact]
    public async Task Answers_the_names_configured_under_ReferralNet_AllowedHosts_and_ignores_a_wildcard()
    {
        await using var app = await EdgeApp.StartAsync(new Dictionary<string, string?>
        {
            ["ReferralNet:AllowedHosts"] = "shelter.referralnet.example; *",
        });

        Assert.Equal(HttpStatusCode.OK, await StatusForHostAsync(app, "shelter.referralnet.example"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusForHostAsync(app, "attacker.example"));
    }
}
