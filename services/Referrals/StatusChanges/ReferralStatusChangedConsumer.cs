using MassTransit;
using ReferralNet.Messaging.Inbox;

namespace ReferralNet.Referrals.StatusChanges;

/// <summary>
/// Applies the other side's status change to this side's record, inside the inbox transaction
/// (which the recipient's effects join).
/// </summary>
public sealed class ReferralStatusChangedConsumer(ReferralNetDbContext db, ReferralTransition transition) : InboxConsumer<ReferralStatusChanged>(db)
{
    /// <inheritdoc />
    protected override Task HandleAsync(ConsumeContext<ReferralStatusChanged> context) =>
        ApplyRemoteStatusAsync(context.Message, context.CancellationToken);

    /// <summary>Checks the change as the other side's and applies it; the caller saves.</summary>
    public async Task ApplyRemoteStatusAsync(ReferralStatusChanged message, CancellationToken ct)
    {
        RecordIds.Require(RecordIds.Referral, message.ReferralId, "referralId", nameof(ReferralStatusChanged));
        var referral = await Db.Set<Referral>().FirstOrDefaultAsync(r => r.Id == message.ReferralId && r.OrganisationId != message.ByOrganisationId, ct)
            // The referral itself may still be on its way (messages can overtake each other):
            // failing lets the retry find it; if it never comes, an operator finds this in the error queue.
            ?? throw new InvalidOperationException($"status change for referral {message.ReferralId}, which is not here (yet)");
        if (message.ByOrganisationId != referral.FromOrganisationId && message.ByOrganisationId != referral.ToOrganisationId)
            throw new InvalidOperationException($"status change for referral {referral.Id} claims to come from '{message.ByOrganisationId}', which is not a party to it");
        ReferralTelemetry.Tag(referral);
        // The message carries codes: compared as such, a code this side does not know matches nothing.
        var current = referral.Status.Code();
        if (current != message.FromStatus)
        {
            if (current == message.ToStatus)
                return; // a copy of a change already applied
            throw new InvalidOperationException($"status change of referral {referral.Id} from '{message.FromStatus}' arrived while it is '{current}'; an earlier change is still on its way");
        }
        var theirSide = referral.Side == ReferralSide.Requester ? ReferralSide.Recipient : ReferralSide.Requester;
        if ((ReferralLifecycle.ParseTarget(message.ToStatus, out var target)
             ?? ReferralLifecycle.Check(referral.Status, target, theirSide, message.Reason, message.DeclinedBy)) is { } error)
            throw new InvalidOperationException($"status change of referral {referral.Id} to '{message.ToStatus}' is not allowed for the other side: {error.Message}");
        await transition.ApplyAsync(referral, referral.Status, target, message.Reason, message.DeclinedBy, message.ByOrganisationId, actorStaffId: null, ct);
    }
}
