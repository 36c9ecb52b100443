using System.Diagnostics;
using ReferralNet.Contracts.Api;
using ReferralNet.Referrals.Operations;
using ReferralNet.ServiceDefaults.Outcomes;
using ReferralNet.ServiceDefaults.Telemetry;

namespace ReferralNet.Referrals.StatusChanges;

/// <summary>
/// A person moves their side's referral to a new status. The change owns its save, one
/// transaction: the record, the recipient's effects (a bed filled, capacity taken) and the message
/// to the other side commit together, or, on a refusal or an error, not at all.
/// </summary>
public sealed class StatusChanging(
    ReferralNetDbContext db,
    OrganisationDirectory directory,
    IReferralRecipient recipient,
    ReferralTransition transition)
{
    const int MaxConflictRetries = 50;

    /// <summary>Moves a referral on for the organisation as a whole, either side, no person named.</summary>
    public Task<Result<Referral>> ChangeStatusAsync(string organisationId, string referralId, StatusChangeRequest request, CancellationToken ct) =>
        ChangeStatusAsync(organisationId, staffId: null, onlySide: null, referralId, request, ct);

    /// <summary>
    /// Moves one side's referral to a new status. A recipient's effects guard their rows with a
    /// version; when a racing change commits first, the whole change starts again from what it
    /// committed, so the loser sees the new state (a 409 that says why) instead of a failed save.
    /// The person acting is named in the audit trail by <paramref name="staffId"/> (null when no person
    /// signed in); <paramref name="onlySide"/> is the one side of its referrals they may move on
    /// (<see cref="ReferralAccess.ChangeableSide"/>), null for both.
    /// </summary>
    public async Task<Result<Referral>> ChangeStatusAsync(string organisationId, string? staffId, ReferralSide? onlySide, string referralId, StatusChangeRequest request, CancellationToken ct)
    {
        try
        {
            return await ConflictRetry.RunAsync(db, MaxConflictRetries, () => AttemptAsync(new Acting(organisationId, staffId, onlySide), referralId, request, ct), ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<Referral>.Conflict($"referral '{referralId}' or the capacity it needs kept changing while this change was made; try again");
        }
    }

    sealed record Acting(string OrganisationId, string? StaffId, ReferralSide? OnlySide);

    async Task<Result<Referral>> AttemptAsync(Acting acting, string referralId, StatusChangeRequest request, CancellationToken ct)
    {
        var result = await TryChangeStatusAsync(acting, referralId, request, ct);
        // A refusal saves nothing: what the recipient had begun to change is dropped.
        if (!result.Succeeded)
            db.ChangeTracker.Clear();
        return result;
    }

    async Task<Result<Referral>> TryChangeStatusAsync(Acting acting, string referralId, StatusChangeRequest request, CancellationToken ct)
    {
        var organisationId = acting.OrganisationId;
        var referral = await db.Set<Referral>().FirstOrDefaultAsync(r => r.OrganisationId == organisationId && r.Id == referralId, ct);
        if (referral is null)
            return Result<Referral>.NotFound($"there is no referral '{referralId}' of yours");
        if (acting.OnlySide is { } only && referral.Side != only)
            return Result<Referral>.Forbidden(ReferralAccess.ChangeRefusal(referral.Side));
        // A person's status change is a trace of its own, linked to the trace the referral began in.
        using var activity = StartLinkedActivity(referral);
        ReferralTelemetry.Tag(referral);
        if ((ReferralLifecycle.ParseTarget(request.Status, out var target)
             ?? ReferralLifecycle.Check(referral.Status, target, referral.Side, request.Reason, request.DeclinedBy)) is { } error)
            return error.Problem == TransitionProblem.NotNow ? Result<Referral>.Conflict(error.Message) : Result<Referral>.Invalid(error.Message);
        if (referral.Side == ReferralSide.Recipient && target == ReferralStatus.Accepted
            && await recipient.AcceptingAsync(referral, ct) is { } refusal)
            return Result<Referral>.Conflict(refusal);

        var previous = referral.Status;
        await transition.ApplyAsync(referral, previous, target, request.Reason, request.DeclinedBy, organisationId, acting.StaffId, ct);
        var other = referral.Side == ReferralSide.Requester ? referral.ToOrganisationId : referral.FromOrganisationId;
        db.AddToOutbox(
            new ReferralStatusChanged(referral.Id, organisationId, previous.Code(), referral.Status.Code(), request.Reason, request.DeclinedBy, referral.UpdatedAt),
            directory.QueueOf(other));
        await db.SaveChangesAsync(ct);
        if (referral.Side == ReferralSide.Recipient && referral.Status == ReferralStatus.Accepted)
            ReferralMetrics.Accepted(referral, referral.UpdatedAt);
        return Result<Referral>.Ok(referral);
    }

    static Activity? StartLinkedActivity(Referral referral)
    {
        ActivityLink[] links = ActivityContext.TryParse(referral.OriginTraceParent, null, out var origin) ? [new ActivityLink(origin)] : [];
        // Stays in the trace of the person's request; the link leads to the referral's first trace.
        return ReferralNetTelemetry.Source.StartActivity("referral status change", ActivityKind.Internal, Activity.Current?.Context ?? default, links: links);
    }
}
