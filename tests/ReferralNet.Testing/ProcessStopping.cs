using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ReferralNet.Testing;

/// <summary>Waiting for and stopping the processes tests start (services, the AppHost), on Linux.</summary>
public static class ProcessStopping
{
    const int SigTerm = 15;

    /// <summary>Waits until <paramref name="process"/> exits; false if it still runs after <paramref name="limit"/>.</summary>
    public static async Task<bool> ExitsWithinAsync(this Process process, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// SIGTERM (a graceful stop: .NET's own Process.Kill sends only SIGKILL), then SIGKILL if the
    /// process has not exited within <paramref name="grace"/>; returns once it has gone. False when
    /// it had to be killed.
    /// </summary>
    public static async Task<bool> StopAsync(this Process process, TimeSpan grace)
    {
        if (process.HasExited)
            return true;
        _ = Kill(process.Id, SigTerm);
        if (await process.ExitsWithinAsync(grace))
            return true;
        process.Kill();
        await process.WaitForExitAsync(CancellationToken.None);
        return false;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int Kill(int pid, int signal);
}
