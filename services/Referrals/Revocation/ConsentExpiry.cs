using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ReferralNet.Referrals.Revocation;

/// <summary>
/// Expiry takes effect at the origin at once (the gate checks the date); this job tells recipients
/// holding data under an expired consent to purge it, like a revocation, and, as a recipient,
/// redacts its own copies whose consent has expired without waiting to be told.
/// </summary>
public sealed partial class ConsentExpiry(IServiceScopeFactory scopes, ILogger<ConsentExpiry> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var revocation = scope.ServiceProvider.GetRequiredService<ConsentRevocation>();
                var expired = await revocation.ExpireConsentsAsync(stoppingToken);
                if (expired > 0) LogExpired(expired);
                var redacted = await revocation.RedactExpiredCopiesAsync(stoppingToken);
                if (redacted > 0) LogRedacted(redacted);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} consent(s) expired; recipients told to purge")]
    partial void LogExpired(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} received referral(s) redacted because their consent expired")]
    partial void LogRedacted(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Expiring consents failed; trying again in 30 s")]
    partial void LogFailed(Exception ex);
}
