namespace ReferralNet.Referrals;

/// <summary>
/// What a service does as the recipient of a referral, beyond the engine's bookkeeping: a shelter
/// turns a bed into occupancy on acceptance, a legal-aid provider opens an intake. Runs inside the
/// transaction of the status change, so a refusal changes nothing.
/// </summary>
public interface IReferralRecipient
{
    /// <summary>Called before a referral is accepted; return a message to refuse (409), or null.</summary>
    Task<string?> AcceptingAsync(Referral referral, CancellationToken ct);

    /// <summary>Called when a referral this service accepted ends (completed, failed, cancelled).</summary>
    Task ClosedAsync(Referral referral, ReferralStatus previousStatus, CancellationToken ct);

    /// <summary>Called when a referral that was never accepted ends (rejected, cancelled, entered in error).</summary>
    Task NotTakenAsync(Referral referral, CancellationToken ct);
}
