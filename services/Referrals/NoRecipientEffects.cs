namespace ReferralNet.Referrals;

/// <summary>A recipient with no capacity of its own to track: accepting always succeeds.</summary>
public sealed class NoRecipientEffects : IReferralRecipient
{
    /// <inheritdoc />
    public Task<string?> AcceptingAsync(Referral referral, CancellationToken ct) => Task.FromResult<string?>(null);

    /// <inheritdoc />
    public Task ClosedAsync(Referral referral, ReferralStatus previousStatus, CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc />
    public Task NotTakenAsync(Referral referral, CancellationToken ct) => Task.CompletedTask;
}
