using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ReferralNet.Messaging.Data;
using ReferralNet.Referrals;

namespace ReferralNet.Capacity;

/// <summary>
/// The recipient side of a service whose capacity is counted: accepting a referral takes one unit
/// of the referral's service at the recipient organisation, or is refused when none is open;
/// closing an accepted referral gives the unit back, once.
/// </summary>
/// <remarks>
/// Two desks accepting referrals for the last unit at once must not both win, nor get a 500 from a
/// stale version. The counts are changed on the tracked offering, whose <see cref="Offering.Version"/>
/// is a concurrency token, and saved by whoever owns the change (the status change's save, or a
/// consumer's inbox transaction) together with the status: the loser of a race fails that save and
/// its change starts again from the new counts, and a refusal or a failed save changes nothing.
/// </remarks>
public sealed partial class CapacityRecipient(
    ReferralNetDbContext db,
    CapacityTerms terms,
    TimeProvider clock,
    ILogger<CapacityRecipient> logger) : IReferralRecipient
{
    DbSet<Offering> Offerings => db.Set<Offering>();
    DbSet<CapacityTaking> Takings => db.Set<CapacityTaking>();

    /// <inheritdoc />
    public async Task<string?> AcceptingAsync(Referral referral, CancellationToken ct)
    {
        if (await Takings.AnyAsync(t => t.OrganisationId == referral.OrganisationId && t.ReferralId == referral.Id, ct))
            return $"referral '{referral.Id}' already has an {terms.Taking}; it was accepted by another request";

        var offering = await OfferingOfAsync(referral, ct);
        if (offering is null)
            return $"'{referral.OrganisationId}' has no {terms.Unit} recorded for '{referral.Service}': reject the referral with reason 'no-capacity', or ask an administrator to add the offering";
        if (offering.InUse >= offering.Total)
            return $"'{referral.OrganisationId}' has no open {terms.Unit} for '{referral.Service}' ({offering.InUse} of {offering.Total} in use): reject the referral with reason 'no-capacity', or accept it once an {terms.Taking} closes";

        offering.InUse++;
        offering.Version++;
        Takings.Add(new CapacityTaking
        {
            OrganisationId = referral.OrganisationId,
            ReferralId = referral.Id,
            Service = referral.Service,
            TakenAt = clock.GetUtcNow(),
        });
        LogTaken(referral.Id, referral.OrganisationId, referral.Service);
        return null;
    }

    /// <inheritdoc />
    public async Task ClosedAsync(Referral referral, ReferralStatus previousStatus, CancellationToken ct)
    {
        var taking = await Takings.FirstOrDefaultAsync(
            t => t.OrganisationId == referral.OrganisationId && t.ReferralId == referral.Id && t.ReturnedAt == null, ct);
        if (taking is null)
        {
            // Accepted before capacity was tracked, or already given back: nothing to return.
            LogNothingToReturn(referral.Id, referral.OrganisationId);
            return;
        }
        taking.ReturnedAt = clock.GetUtcNow();
        taking.ClosedAs = referral.Status.Code();
        if (await OfferingOfAsync(referral, ct) is { InUse: > 0 } offering)
        {
            offering.InUse--;
            offering.Version++;
        }
        LogReturned(referral.Id, referral.OrganisationId, referral.Service);
    }

    /// <inheritdoc />
    public Task NotTakenAsync(Referral referral, CancellationToken ct) => Task.CompletedTask;

    Task<Offering?> OfferingOfAsync(Referral referral, CancellationToken ct) =>
        Offerings.FirstOrDefaultAsync(o => o.OrganisationId == referral.OrganisationId && o.Service == referral.Service, ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "Referral {ReferralId} took one unit of {Service} at {OrganisationId}")]
    partial void LogTaken(string referralId, string organisationId, string service);

    [LoggerMessage(Level = LogLevel.Information, Message = "Referral {ReferralId} returned its unit of {Service} at {OrganisationId}")]
    partial void LogReturned(string referralId, string organisationId, string service);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Referral {ReferralId} at {OrganisationId} closed without a unit to return")]
    partial void LogNothingToReturn(string referralId, string organisationId);
}
