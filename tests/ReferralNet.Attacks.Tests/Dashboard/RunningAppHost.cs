namespace ReferralNet.Attacks.Tests.Dashboard;

/// <summary>One local network started the way deploy/up.sh starts it, shared by a test class, up once its dashboard answers.</summary>
public sealed class RunningAppHost : IAsyncLifetime
{
    static readonly TimeSpan DashboardTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The running AppHost.</summary>
    public LocalAppHost AppHost { get; private set; } = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        AppHost = LocalAppHost.Start();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + DashboardTimeout;
        while (true)
        {
            if (AppHost.HasExited)
                throw new InvalidOperationException($"the AppHost exited ({AppHost.ExitCode}) before its dashboard answered:\n{Tail(AppHost.Output)}");
            try
            {
                using var answer = await http.GetAsync(new Uri(AppHost.DashboardUrl, "/login"));
                if (answer.StatusCode == System.Net.HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the dashboard at {AppHost.DashboardUrl} did not answer within {DashboardTimeout.TotalSeconds:0} s:\n{Tail(AppHost.Output)}");
            await Task.Delay(500);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (AppHost is not null)
            await AppHost.DisposeAsync();
    }

    static string Tail(string output) => string.Join('\n', output.Split('\n').TakeLast(30));
}
