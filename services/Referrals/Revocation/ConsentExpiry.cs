using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReferralNet.Messaging.DeadLetters;

namespace ReferralNet.Referrals.Revocation;

/// <summary>
/// Expiry takes effect at the origin at once (the gate checks the date); this job tells recipients
/// holding data under an expired consent to purge it, like a revocation, and, as a recipient,
/// redacts its own copies whose consent has expired without waiting to be told, in its database and
/// in its failed-message queues. Every 30 s (<c>ReferralNet:ConsentExpiryInterval</c>).
/// </summary>
public sealed partial class ConsentExpiry(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<ConsentExpiry> logger) : BackgroundService
{
    /// <summary>The configuration key of the interval between two passes (a TimeSpan; 30 s unless set).</summary>
    public const string IntervalKey = "ReferralNet:ConsentExpiryInterval";

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(configuration.GetValue(IntervalKey, TimeSpan.FromSeconds(30)));
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
                // The copies of referrals that failed here are not in the database: their consent's
                // end is in each message, and the queues are read only once one of them has come.
                if (scope.ServiceProvider.GetService<DeadLetterScrub>() is { } scrub
                    && scope.ServiceProvider.GetService<WithdrawnDeadLetters>() is { ScanDue: true } failedCopies)
                {
                    var scrubbed = await failedCopies.ScrubExpiredAsync(scrub, stoppingToken);
                    if (scrubbed > 0) LogScrubbed(scrubbed);
                }
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Took the profile out of {Count} failed referral message(s) because their consent expired")]
    partial void LogScrubbed(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Expiring consents failed; trying again in 30 s")]
    partial void LogFailed(Exception ex);
}
