using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ReferralNet.Contracts.Api;
using ReferralNet.Referrals.Audit;
using ReferralNet.Referrals.Consent;
using ReferralNet.Referrals.Survivors;
using ReferralNet.ServiceDefaults.Outcomes;

namespace ReferralNet.Referrals.Sending;

/// <summary>
/// Sends a referral: the sender's record, the disclosure under its consent and the message to the
/// recipient's service commit together (outbox). Only what the consent covers goes on the wire,
/// sealed to the recipient's service before the row is written.
/// </summary>
public sealed partial class ReferralSending(ReferralNetDbContext db, OrganisationDirectory directory, ProfileSeal seal, TimeProvider clock, ILogger<ReferralSending> logger)
{
    /// <summary>Sends for the organisation as a whole, no person named (a development key, a script).</summary>
    public Task<Result<Referral>> SendAsync(string organisationId, ReferralRequest request, CancellationToken ct) =>
        SendAsync(organisationId, staffId: null, request, ct);

    /// <summary>Sends; the audit trail names the person by <paramref name="staffId"/> (null when no person signed in).</summary>
    public async Task<Result<Referral>> SendAsync(string organisationId, string? staffId, ReferralRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (RecordIds.Check(RecordIds.Survivor, request.SurvivorId, "survivorId", "survivor") is { } malformed)
            return Result<Referral>.Invalid(malformed);
        var survivor = await SurvivorRecords.FindAsync(db, organisationId, request.SurvivorId ?? "", ct);
        if (survivor is null)
            return Result<Referral>.NotFound($"there is no survivor '{request.SurvivorId}' of yours");
        if (directory.RecipientProblem(organisationId, request.ToOrgId) is { } recipientProblem)
            return Result<Referral>.Invalid(recipientProblem);
        var to = directory.Find(request.ToOrgId)!;
        if (!to.Offers(request.Service ?? ""))
            return Result<Referral>.Invalid($"organisation '{to.Id}' does not offer '{request.Service}'; it offers: {string.Join(", ", to.Services ?? [])}");
        if (!ReferralPriorities.All.Contains(request.Priority ?? ""))
            return Result<Referral>.Invalid($"priority must be one of: {string.Join(", ", ReferralPriorities.All)}");
        if (TextLimits.Check(("note", request.Note, TextLimits.Notes)) is { } tooLong)
            return Result<Referral>.Invalid(tooLong);

        var share = (request.Share ?? []).Distinct().ToList();
        // A misspelt category is a mistake in the request (400), not a consent question (403).
        if (share.FirstOrDefault(c => !ConsentCategories.IsKnown(c)) is { } unknown)
            return Result<Referral>.Invalid($"'{unknown}' is not a data category; use: {string.Join(", ", ConsentCategories.All)}");
        var consents = await db.Set<ConsentRecord>().AsNoTracking().Where(c => c.SurvivorId == survivor.Id && c.OrganisationId == organisationId).ToListAsync(ct);
        var (consent, refusal) = ConsentGate.Check(share, to.Id, consents, now);
        if (refusal is not null)
            return Result<Referral>.Forbidden(refusal);
        // A note travels only as case notes: without them in the share it would be stored but never sent.
        if (!share.Contains(ConsentCategories.CaseNotes) && request.Note is { Length: > 0 })
            return Result<Referral>.Forbidden($"a note is free text and counts as case notes: share 'case-notes' under a consent for organisation '{to.Id}', or leave the note out");

        var referral = new Referral
        {
            OrganisationId = organisationId,
            Id = RecordIds.New("rf"),
            Side = ReferralSide.Requester,
            FromOrganisationId = organisationId,
            ToOrganisationId = to.Id,
            Service = request.Service!,
            Priority = request.Priority!,
            NeedLanguages = survivor.Languages.ToList(),
            NeedDependants = survivor.Dependants,
            NeedAccessibility = survivor.Needs.Contains("accessibility"),
            ContactingSubjectProhibited = request.ContactingSubjectProhibited,
            RequestedAt = now,
            DueAt = now + ReferralPriorities.Deadline(request.Priority!),
            UpdatedAt = now,
            ConsentId = consent?.Id,
            SharedCategories = share,
            SurvivorId = survivor.Id,
            Profile = new SurvivorProfile { Note = request.Note },
            OriginTraceParent = Activity.Current?.Id,
        };
        var (message, sealProblem) = seal.Seal(new ReferralRequested(
            referral.Id, organisationId, to.Id, referral.Service, referral.Priority,
            new ReferralNeeds(referral.NeedLanguages, referral.NeedDependants, referral.NeedAccessibility),
            referral.ContactingSubjectProhibited, now, referral.DueAt, BedHoldId: null, consent?.Id, share,
            null, consent?.ExpiresAt), ConsentGate.Select(survivor, share, request.Note));
        // Refused rather than waiting in the outbox: the row is sealed as it is written, and never holds plaintext.
        if (sealProblem is not null)
            return Result<Referral>.Conflict(sealProblem);
        db.Set<Referral>().Add(referral);
        ReferralTelemetry.Tag(referral);
        db.AddAudit(now, organisationId, referral.Id, organisationId, AuditAction.Created, toStatus: ReferralStatus.Requested.Code(), actorStaffId: staffId);
        if (consent is not null)
        {
            db.Set<Disclosure>().Add(new Disclosure
            {
                ConsentId = consent.Id,
                OrganisationId = organisationId,
                RecipientOrganisationId = to.Id,
                ReferralId = referral.Id,
                Categories = share,
                DisclosedAt = now,
            });
            db.AddAudit(now, organisationId, referral.Id, organisationId, AuditAction.Disclosed, categories: share, actorStaffId: staffId);
        }

        db.AddToOutbox(message!, directory.QueueOf(to.Id));
        await db.SaveChangesAsync(ct);
        LogSent(referral.Id, organisationId, to.Id);
        return Result<Referral>.Ok(referral);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Referral {ReferralId} sent from {FromOrganisationId} to {ToOrganisationId}")]
    partial void LogSent(string referralId, string fromOrganisationId, string toOrganisationId);
}
