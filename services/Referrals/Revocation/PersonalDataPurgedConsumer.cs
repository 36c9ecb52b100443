using MassTransit;
using ReferralNet.Messaging.Inbox;
using ReferralNet.Referrals.Audit;
using ReferralNet.Referrals.Consent;

namespace ReferralNet.Referrals.Revocation;

/// <summary>Records a recipient's confirmation that it purged what it held under a consent.</summary>
public sealed class PersonalDataPurgedConsumer(ReferralNetDbContext db, TimeProvider clock) : InboxConsumer<PersonalDataPurged>(db)
{
    /// <inheritdoc />
    protected override Task HandleAsync(ConsumeContext<PersonalDataPurged> context) =>
        ConfirmPurgeAsync(context.Message, context.CancellationToken);

    /// <summary>Marks the disclosures to that recipient purged; the caller saves.</summary>
    public async Task ConfirmPurgeAsync(PersonalDataPurged message, CancellationToken ct)
    {
        RecordIds.Require(RecordIds.Consent, message.ConsentId, "consentId", nameof(PersonalDataPurged));
        foreach (var referralId in message.ReferralIds)
            RecordIds.Require(RecordIds.Referral, referralId, "referralIds", nameof(PersonalDataPurged));
        var disclosures = await Db.Set<Disclosure>()
            .Where(d => d.ConsentId == message.ConsentId && d.RecipientOrganisationId == message.RecipientOrganisationId
                && d.PurgeConfirmedAt == null && d.PurgeRequestedAt != null)
            .ToListAsync(ct);
        foreach (var disclosure in disclosures)
        {
            disclosure.PurgeConfirmedAt = message.PurgedAt;
            Db.AddAudit(clock.GetUtcNow(), disclosure.OrganisationId, disclosure.ReferralId, message.RecipientOrganisationId, AuditAction.PurgeConfirmed);
        }
    }
}
