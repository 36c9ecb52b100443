using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReferralNet.ServiceDefaults;
using ReferralNet.Referrals;

namespace ReferralNet.Referrals.Operations;

/// <summary>
/// Reads the service's referral counts by side and status into <see cref="ReferralMetrics"/> every
/// <see cref="OperationsOptions.MetricsInterval"/>: one grouped query, instead of one on every
/// export or a counter that a restart would reset.
/// </summary>
public sealed partial class ReferralCountReading(
    IServiceScopeFactory scopes,
    IOptions<OperationsOptions> options,
    IOptions<ReferralNetOptions> service,
    ILogger<ReferralCountReading> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var name = service.Value.ServiceName;
        using var timer = new PeriodicTimer(options.Value.MetricsInterval);
        try
        {
            do
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<ReferralNetDbContext>();
                    var counts = await db.Set<Referral>().AsNoTracking()
                        .GroupBy(r => new { r.Side, r.Status })
                        .Select(g => new { g.Key.Side, g.Key.Status, Count = g.Count() })
                        .ToListAsync(stoppingToken);
                    ReferralMetrics.Record(name, counts.Select(c => (c.Side, c.Status, c.Count)));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogReadFailed(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            ReferralMetrics.Forget(name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading referral counts for the metrics failed; trying again at the next interval")]
    partial void LogReadFailed(Exception ex);
}
