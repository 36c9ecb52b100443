using Microsoft.AspNetCore.Components;

namespace ReferralNet.Portal.Shared;

/// <summary>
/// A page that looks again at a service every so often while it is open (interactive only), and
/// re-renders when something changed. Stops when the page is closed.
/// </summary>
public abstract class PollingComponent : ComponentBase, IDisposable
{
    readonly CancellationTokenSource _stop = new();

    protected CancellationToken Stopping => _stop.Token;

    /// <param name="tick">Looks again; returns whether the page should re-render.</param>
    protected void Poll(TimeSpan interval, Func<Task<bool>> tick)
    {
        if (!RendererInfo.IsInteractive)
            return;
        _ = RunAsync();

        async Task RunAsync()
        {
            using var timer = new PeriodicTimer(interval);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                {
                    if (await tick())
                        await InvokeAsync(StateHasChanged);
                }
            }
            catch (OperationCanceledException)
            {
                // The page was closed.
            }
            catch (ObjectDisposedException)
            {
                // The circuit went away under us.
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        GC.SuppressFinalize(this);
    }
}
