using MassTransit;
using ReferralNet.Messaging.Inbox;
using ReferralNet.Referrals.Audit;

namespace ReferralNet.Referrals.Sending;

/// <summary>The recipient's service confirms it stored the referral: the sender records when.</summary>
public sealed class ReferralReceivedConsumer(ReferralNetDbContext db, TimeProvider clock) : InboxConsumer<ReferralReceived>(db)
{
    /// <inheritdoc />
    protected override Task HandleAsync(ConsumeContext<ReferralReceived> context) =>
        ConfirmReceiptAsync(context.Message, context.CancellationToken);

    /// <summary>Records the receipt on the sender's record (once, and only from its recipient); the caller saves.</summary>
    public async Task ConfirmReceiptAsync(ReferralReceived message, CancellationToken ct)
    {
        RecordIds.Require(RecordIds.Referral, message.ReferralId, "referralId", nameof(ReferralReceived));
        var referral = await Db.Set<Referral>().FirstOrDefaultAsync(r => r.Id == message.ReferralId && r.Side == ReferralSide.Requester, ct);
        if (referral is null || referral.ReceivedAt is not null || referral.ToOrganisationId != message.ByOrganisationId)
            return;
        ReferralTelemetry.Tag(referral);
        referral.ReceivedAt = message.ReceivedAt;
        Db.AddAudit(clock.GetUtcNow(), referral.OrganisationId, referral.Id, message.ByOrganisationId, AuditAction.ReceiptConfirmed);
    }
}
