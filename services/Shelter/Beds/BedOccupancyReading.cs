using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReferralNet.Referrals.Operations;

namespace ReferralNet.Shelter.Beds;

/// <summary>
/// Reads every shelter's bed counts into <see cref="BedMetrics"/> every
/// <see cref="OperationsOptions.MetricsInterval"/>, with the same two queries the bed board uses.
/// </summary>
public sealed partial class BedOccupancyReading(
    IServiceScopeFactory scopes,
    IOptions<OperationsOptions> options,
    ILogger<BedOccupancyReading> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.MetricsInterval);
        try
        {
            do
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<Data.ShelterDbContext>();
                    var shelterIds = await db.Shelters.AsNoTracking().Select(s => s.Id).ToListAsync(stoppingToken);
                    BedMetrics.Record(await scope.ServiceProvider.GetRequiredService<BedLedger>().CountsAsync(shelterIds, stoppingToken));
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
            BedMetrics.Forget();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading bed counts for the metrics failed; trying again at the next interval")]
    partial void LogReadFailed(Exception ex);
}
