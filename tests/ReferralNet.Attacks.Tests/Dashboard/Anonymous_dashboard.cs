namespace ReferralNet.Attacks.Tests.Dashboard;

/// <summary>An AppHost asked to open the dashboard to anyone (what deploy/up.sh once did) refuses to start.</summary>
public sealed class Anonymous_dashboard
{
    [Fact]
    public async Task An_apphost_told_to_allow_anonymous_dashboard_access_refuses_to_start_and_names_the_setting()
    {
        await using var appHost = LocalAppHost.Start(new Dictionary<string, string> { ["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true" });

        var exited = await appHost.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exited, "the AppHost kept running with an anonymous dashboard");
        Assert.NotEqual(0, appHost.ExitCode);
        Assert.Contains("ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true would open the dashboard", appHost.Output);
    }
}
