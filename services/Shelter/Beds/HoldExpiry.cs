using Microsoft.Extensions.Options;

namespace ReferralNet.Shelter.Beds;

/// <summary>Ends expired holds and announces the freed beds. Free counts are right before it runs; it only makes the change known.</summary>
public sealed partial class HoldExpiry(IServiceScopeFactory scopes, IOptions<BedOptions> options, ILogger<HoldExpiry> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HoldSweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var expired = await scope.ServiceProvider.GetRequiredService<BedLedger>().ExpireHoldsAsync(stoppingToken);
                if (expired > 0)
                    LogExpired(expired);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} bed hold(s) expired")]
    partial void LogExpired(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Expiring bed holds failed; trying again at the next sweep")]
    partial void LogSweepFailed(Exception ex);
}
