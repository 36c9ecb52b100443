using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ReferralNet.Referrals.Consent;
using ReferralNet.Messaging.Data;
using ReferralNet.ServiceDefaults.Http;
using ReferralNet.ServiceDefaults.Identity;
using ReferralNet.Referrals.Operations;
using ReferralNet.Referrals.Survivors;
using ReferralNet.ServiceDefaults.Telemetry;
using ReferralNet.Contracts.Referrals;

namespace ReferralNet.Referrals;

/// <summary>
/// The referral engine every service hosts for its own organisations: survivors, consent, referrals
/// sent and received, and the audit trail. Every change and the message it causes commit together
/// (outbox); everything about a referral goes point to point to the other side's service.
/// </summary>
public sealed partial class ReferralEngine(
    ReferralNetDbContext db,
    OrganisationDirectory directory,
    IReferralRecipient recipient,
    TimeProvider clock,
    ILogger<ReferralEngine> logger)
{
    /// <summary>The marker that replaces purged personal data.</summary>
    public const string Redacted = "[redacted]";

    /// <summary>Consent may last at most this long.</summary>
    public static readonly TimeSpan MaxConsent = TimeSpan.FromDays(90);

    /// <summary>Reason codes for revoking a consent.</summary>
    public static readonly IReadOnlyList<string> RevocationReasons = ["survivor-request", "safety-concern", "recorded-in-error", "other"];

    DbSet<Survivor> Survivors => db.Set<Survivor>();
    DbSet<ConsentRecord> Consents => db.Set<ConsentRecord>();
    DbSet<Disclosure> Disclosures => db.Set<Disclosure>();
    DbSet<Referral> Referrals => db.Set<Referral>();
    DbSet<AuditEntry> Audit => db.Set<AuditEntry>();

    // ---- Survivors and consent (the referring organisation's side) ----

    public async Task<Outcome<Survivor>> RegisterSurvivorAsync(string organisationId, SurvivorRegistration registration, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (registration.Dependants is < 0 or > 30)
            return Outcome<Survivor>.Invalid("dependants must be between 0 and 30");
        if (registration.DateOfBirth is { } born && born > DateOnly.FromDateTime(now.UtcDateTime))
            return Outcome<Survivor>.Invalid("dateOfBirth is in the future");
        if (registration.Email is { Length: > 0 } email && !email.Contains('@'))
            return Outcome<Survivor>.Invalid("email is not an e-mail address");
        if (TooLong(registration) is { } field)
            return Outcome<Survivor>.Invalid($"{field} is longer than {MaxText} characters");

        var survivor = new Survivor
        {
            Id = NewId("sv"),
            OrganisationId = organisationId,
            GivenName = registration.GivenName,
            FamilyName = registration.FamilyName,
            DateOfBirth = registration.DateOfBirth,
            Gender = registration.Gender,
            Phone = registration.Phone,
            Email = registration.Email,
            Languages = registration.Languages?.ToList() ?? [],
            Dependants = registration.Dependants,
            Needs = registration.Needs?.ToList() ?? [],
            HealthNotes = registration.HealthNotes,
            LegalStatusNotes = registration.LegalStatusNotes,
            CaseNotes = registration.CaseNotes,
            CreatedAt = now,
        };
        Survivors.Add(survivor);
        await db.SaveChangesAsync(ct);
        return Outcome<Survivor>.Ok(survivor);
    }

    public Task<Survivor?> FindSurvivorAsync(string organisationId, string survivorId, CancellationToken ct) =>
        Survivors.AsNoTracking().FirstOrDefaultAsync(s => s.Id == survivorId && s.OrganisationId == organisationId, ct);

    /// <summary>An organisation's own survivors, newest first (for its caseworkers' lists).</summary>
    public async Task<IReadOnlyList<Survivor>> SurvivorsOfAsync(string organisationId, CancellationToken ct) =>
        (await Survivors.AsNoTracking().Where(s => s.OrganisationId == organisationId).ToListAsync(ct))
            .OrderByDescending(s => s.CreatedAt).ToList();

    /// <summary>Every consent recorded for one of the organisation's survivors, newest first, with each recipient's purge state; null for a survivor not its own.</summary>
    public async Task<IReadOnlyList<ConsentView>?> ConsentsOfAsync(string organisationId, string survivorId, CancellationToken ct)
    {
        if (await FindSurvivorAsync(organisationId, survivorId, ct) is null)
            return null;
        var consents = await Consents.AsNoTracking().Where(c => c.SurvivorId == survivorId && c.OrganisationId == organisationId).ToListAsync(ct);
        var ids = consents.Select(c => c.Id).ToList();
        var disclosures = await Disclosures.AsNoTracking().Where(d => d.OrganisationId == organisationId && ids.Contains(d.ConsentId)).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return consents
            .OrderByDescending(c => c.GivenAt)
            .Select(c => ConsentView.Of(c, disclosures.Where(d => d.ConsentId == c.Id).OrderBy(d => d.Id).ToList(), now))
            .ToList();
    }

    public async Task<Outcome<ConsentRecord>> RecordConsentAsync(string organisationId, string survivorId, ConsentRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (await FindSurvivorAsync(organisationId, survivorId, ct) is null)
            return Outcome<ConsentRecord>.NotFound($"there is no survivor '{survivorId}' of yours");
        if (RecipientProblem(organisationId, request.RecipientOrgId) is { } recipientProblem)
            return Outcome<ConsentRecord>.Invalid(recipientProblem);
        if (request.Categories is null || request.Categories.Count == 0)
            return Outcome<ConsentRecord>.Invalid($"categories is empty: name at least one of {string.Join(", ", ConsentCategories.All)}");
        if (request.Categories.FirstOrDefault(c => !ConsentCategories.IsKnown(c)) is { } unknown)
            return Outcome<ConsentRecord>.Invalid($"'{unknown}' is not a data category; use: {string.Join(", ", ConsentCategories.All)}");
        if (request.Method is not ("written" or "verbal"))
            return Outcome<ConsentRecord>.Invalid("method must be 'written' or 'verbal'");
        if (request.Method == "verbal" && string.IsNullOrWhiteSpace(request.Witness))
            return Outcome<ConsentRecord>.Invalid("verbal consent needs a witness: name who heard it");
        var givenAt = request.GivenAt ?? now;
        if (givenAt > now.AddMinutes(5))
            return Outcome<ConsentRecord>.Invalid("givenAt is in the future");
        var expiresAt = request.ExpiresAt ?? givenAt + MaxConsent;
        if (expiresAt <= now)
            return Outcome<ConsentRecord>.Invalid("expiresAt is already past");
        if (expiresAt > givenAt + MaxConsent)
            return Outcome<ConsentRecord>.Invalid($"expiresAt may be at most 90 days after the consent was given ({(givenAt + MaxConsent):yyyy-MM-dd}); record a new consent then");

        var consent = new ConsentRecord
        {
            Id = NewId("c"),
            SurvivorId = survivorId,
            OrganisationId = organisationId,
            RecipientOrganisationId = request.RecipientOrgId,
            Categories = request.Categories.Distinct().ToList(),
            Purpose = string.IsNullOrWhiteSpace(request.Purpose) ? "referral" : request.Purpose,
            Method = request.Method,
            Witness = request.Witness,
            RecordedBy = organisationId,
            GivenAt = givenAt,
            ExpiresAt = expiresAt,
        };
        Consents.Add(consent);
        await db.SaveChangesAsync(ct);
        return Outcome<ConsentRecord>.Ok(consent);
    }

    public async Task<Outcome<ConsentView>> ConsentAsync(string organisationId, string consentId, CancellationToken ct)
    {
        var consent = await Consents.AsNoTracking().FirstOrDefaultAsync(c => c.Id == consentId && c.OrganisationId == organisationId, ct);
        if (consent is null)
            return Outcome<ConsentView>.NotFound($"there is no consent '{consentId}' of yours");
        var disclosures = await Disclosures.AsNoTracking()
            .Where(d => d.OrganisationId == organisationId && d.ConsentId == consentId)
            .OrderBy(d => d.Id)
            .ToListAsync(ct);
        return Outcome<ConsentView>.Ok(ConsentView.Of(consent, disclosures, clock.GetUtcNow()));
    }

    public async Task<Outcome<ConsentRecord>> RevokeAsync(string organisationId, string consentId, string? reason, CancellationToken ct)
    {
        var consent = await Consents.FirstOrDefaultAsync(c => c.Id == consentId && c.OrganisationId == organisationId, ct);
        if (consent is null)
            return Outcome<ConsentRecord>.NotFound($"there is no consent '{consentId}' of yours");
        if (reason is null || !RevocationReasons.Contains(reason))
            return Outcome<ConsentRecord>.Invalid($"reason must be one of: {string.Join(", ", RevocationReasons)}");
        var now = clock.GetUtcNow();
        if (consent.RevokedAt is not null)
            return Outcome<ConsentRecord>.Conflict($"consent '{consentId}' was already revoked on {consent.RevokedAt:yyyy-MM-dd HH:mm} UTC");

        consent.RevokedAt = now;
        consent.RevocationReason = reason;
        if (consent.WithdrawnAt is null)
            await WithdrawAsync(consent, "revoked", ct);
        await db.SaveChangesAsync(ct);
        return Outcome<ConsentRecord>.Ok(consent);
    }

    /// <summary>Revoked or expired: tells every recipient still holding data under it to purge. Caller saves.</summary>
    public async Task WithdrawAsync(ConsentRecord consent, string cause, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        consent.WithdrawnAt = now;
        var held = await Disclosures
            .Where(d => d.OrganisationId == consent.OrganisationId && d.ConsentId == consent.Id && d.PurgeConfirmedAt == null)
            .ToListAsync(ct);
        var referralIds = held.Select(d => d.ReferralId).Distinct().ToList();

        // Our own free-text notes beside those referrals are personal data too.
        foreach (var referral in await Referrals.Where(r => r.OrganisationId == consent.OrganisationId && r.ConsentId == consent.Id).ToListAsync(ct))
            if (referral.Note is not null) referral.Note = Redacted;

        if (referralIds.Count == 0)
            return;
        foreach (var disclosure in held)
            disclosure.PurgeRequestedAt = now;
        foreach (var referralId in referralIds)
            AddAudit(consent.OrganisationId, referralId, consent.OrganisationId, "purge-requested", reason: cause, categories: consent.Categories);
        db.AddToOutbox(
            new ConsentWithdrawn(consent.Id, consent.OrganisationId, consent.RecipientOrganisationId, referralIds, cause, now),
            QueueOf(consent.RecipientOrganisationId));
        LogWithdrawn(consent.Id, cause, referralIds.Count);
    }

    /// <summary>Treats every consent past its expiry like a revocation; returns how many.</summary>
    public async Task<int> ExpireConsentsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expired = await Consents.Where(c => c.WithdrawnAt == null && c.RevokedAt == null && c.ExpiresAt <= now).ToListAsync(ct);
        foreach (var consent in expired)
            await WithdrawAsync(consent, "expired", ct);
        await db.SaveChangesAsync(ct);
        return expired.Count;
    }

    // ---- Referrals ----

    public async Task<Outcome<Referral>> SendAsync(string organisationId, ReferralRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var survivor = await FindSurvivorAsync(organisationId, request.SurvivorId ?? "", ct);
        if (survivor is null)
            return Outcome<Referral>.NotFound($"there is no survivor '{request.SurvivorId}' of yours");
        if (RecipientProblem(organisationId, request.ToOrgId) is { } recipientProblem)
            return Outcome<Referral>.Invalid(recipientProblem);
        var to = directory.Find(request.ToOrgId)!;
        if (!to.Offers(request.Service ?? ""))
            return Outcome<Referral>.Invalid($"organisation '{to.Id}' does not offer '{request.Service}'; it offers: {string.Join(", ", to.Services ?? [])}");
        if (!ReferralPriorities.All.Contains(request.Priority ?? ""))
            return Outcome<Referral>.Invalid($"priority must be one of: {string.Join(", ", ReferralPriorities.All)}");
        if (request.BedHoldId is not null && !request.Service!.StartsWith("bed:", StringComparison.Ordinal))
            return Outcome<Referral>.Invalid("bedHoldId goes only with a bed referral");
        if (request.Note is { Length: > MaxText })
            return Outcome<Referral>.Invalid($"note is longer than {MaxText} characters");

        var share = (request.Share ?? []).Distinct().ToList();
        // A misspelt category is a mistake in the request (400), not a consent question (403).
        if (share.FirstOrDefault(c => !ConsentCategories.IsKnown(c)) is { } unknown)
            return Outcome<Referral>.Invalid($"'{unknown}' is not a data category; use: {string.Join(", ", ConsentCategories.All)}");
        var consents = await Consents.AsNoTracking().Where(c => c.SurvivorId == survivor.Id && c.OrganisationId == organisationId).ToListAsync(ct);
        var (consent, refusal) = ConsentGate.Check(share, to.Id, consents, now);
        if (refusal is not null)
            return Outcome<Referral>.Forbidden(refusal);
        // A note travels only as case notes: without them in the share it would be stored but never sent.
        if (!share.Contains(ConsentCategories.CaseNotes) && request.Note is { Length: > 0 })
            return Outcome<Referral>.Forbidden($"a note is free text and counts as case notes: share 'case-notes' under a consent for organisation '{to.Id}', or leave the note out");

        var referral = new Referral
        {
            OrganisationId = organisationId,
            Id = NewId("rf"),
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
            BedHoldId = request.BedHoldId,
            ConsentId = consent?.Id,
            SharedCategories = share,
            SurvivorId = survivor.Id,
            Note = request.Note,
        };
        referral.OriginTraceParent = Activity.Current?.Id;
        Referrals.Add(referral);
        Tag(referral);
        AddAudit(organisationId, referral.Id, organisationId, "created", toStatus: ReferralStatuses.Requested);
        if (consent is not null)
        {
            Disclosures.Add(new Disclosure
            {
                ConsentId = consent.Id,
                OrganisationId = organisationId,
                RecipientOrganisationId = to.Id,
                ReferralId = referral.Id,
                Categories = share,
                DisclosedAt = now,
            });
            AddAudit(organisationId, referral.Id, organisationId, "disclosed", categories: share);
        }

        db.AddToOutbox(new ReferralRequested(
            referral.Id, organisationId, to.Id, referral.Service, referral.Priority,
            new ReferralNeeds(referral.NeedLanguages, referral.NeedDependants, referral.NeedAccessibility),
            referral.ContactingSubjectProhibited, now, referral.DueAt, referral.BedHoldId, consent?.Id, share,
            ConsentGate.Select(survivor, share, request.Note), consent?.ExpiresAt), QueueOf(to.Id));
        await db.SaveChangesAsync(ct);
        LogSent(referral.Id, organisationId, to.Id);
        return Outcome<Referral>.Ok(referral);
    }

    /// <summary>The referrals an organisation may see: the ones it sent or received, nothing else.</summary>
    public IQueryable<Referral> VisibleTo(string organisationId) =>
        Referrals.AsNoTracking().Where(r => r.OrganisationId == organisationId);

    public async Task<IReadOnlyList<AuditEntry>?> AuditAsync(string organisationId, string referralId, CancellationToken ct)
    {
        if (!await Referrals.AnyAsync(r => r.OrganisationId == organisationId && r.Id == referralId, ct))
            return null;
        return await Audit.AsNoTracking().Where(a => a.OrganisationId == organisationId && a.ReferralId == referralId).OrderBy(a => a.Id).ToListAsync(ct);
    }

    /// <summary>
    /// Moves one side's referral to a new status. A recipient's effects (a bed filled, capacity
    /// taken) guard their rows with a version; when a racing change commits first, the whole
    /// change starts again from what it committed, so the loser sees the new state (a 409 that
    /// says why) instead of a failed save.
    /// </summary>
    public async Task<Outcome<Referral>> ChangeStatusAsync(string organisationId, string referralId, StatusChangeRequest request, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryChangeStatusAsync(organisationId, referralId, request, ct);
            }
            catch (DbUpdateException ex) when (attempt < (ex is DbUpdateConcurrencyException ? MaxConflictRetries : 3))
            {
                // A duplicate key (two accepts of one referral) is retried a few times only: the
                // retry finds the referral accepted; a real fault still surfaces.
                db.ChangeTracker.Clear();
                await Task.Delay(Random.Shared.Next(1, 5 + attempt), ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return Outcome<Referral>.Conflict($"referral '{referralId}' or the capacity it needs kept changing while this change was made; try again");
            }
        }
    }

    const int MaxConflictRetries = 50;

    async Task<Outcome<Referral>> TryChangeStatusAsync(string organisationId, string referralId, StatusChangeRequest request, CancellationToken ct)
    {
        var referral = await Referrals.FirstOrDefaultAsync(r => r.OrganisationId == organisationId && r.Id == referralId, ct);
        if (referral is null)
            return Outcome<Referral>.NotFound($"there is no referral '{referralId}' of yours");
        // A person's status change is a trace of its own, linked to the trace the referral began in.
        using var activity = StartLinkedActivity(referral);
        Tag(referral);
        if (ReferralLifecycle.Check(referral.Status, request.Status ?? "", referral.Side, request.Reason, request.DeclinedBy) is { } error)
            return error.Problem == TransitionProblem.NotNow ? Outcome<Referral>.Conflict(error.Message) : Outcome<Referral>.Invalid(error.Message);
        if (referral.Side == ReferralSide.Recipient && request.Status == ReferralStatuses.Accepted
            && await recipient.AcceptingAsync(referral, ct) is { } refusal)
            return Outcome<Referral>.Conflict(refusal);

        var previous = referral.Status;
        await ApplyAsync(referral, previous, request.Status!, request.Reason, request.DeclinedBy, organisationId, ct);
        var other = referral.Side == ReferralSide.Requester ? referral.ToOrganisationId : referral.FromOrganisationId;
        db.AddToOutbox(
            new ReferralStatusChanged(referral.Id, organisationId, previous, referral.Status, request.Reason, request.DeclinedBy, referral.UpdatedAt),
            QueueOf(other));
        await db.SaveChangesAsync(ct);
        if (referral.Side == ReferralSide.Recipient && referral.Status == ReferralStatuses.Accepted && previous != ReferralStatuses.Accepted)
            ReferralMetrics.Accepted(referral, referral.UpdatedAt);
        return Outcome<Referral>.Ok(referral);
    }

    // ---- What arrives from the other side (called by the consumers, inside their inbox transaction) ----

    public async Task ReceiveAsync(ReferralRequested message, CancellationToken ct)
    {
        var to = directory.Find(message.ToOrganisationId)
            ?? throw new InvalidOperationException($"referral {message.ReferralId} is addressed to unknown organisation '{message.ToOrganisationId}'");
        if (await Referrals.AnyAsync(r => r.OrganisationId == to.Id && r.Id == message.ReferralId, ct))
            return;

        var now = clock.GetUtcNow();
        // Store nothing outside the consent: without a consent reference no personal data is kept,
        // and of a profile only the fields of the categories shared.
        var withdrawn = message.ConsentId is not null
            && await db.Set<WithdrawnConsent>().AnyAsync(w => w.OrganisationId == to.Id && w.ConsentId == message.ConsentId, ct);
        List<string> categories = message.ConsentId is null || withdrawn ? [] : message.SharedCategories.Where(ConsentCategories.IsKnown).Distinct().ToList();
        var profile = ConsentGate.Restrict(message.Profile, categories);
        var referral = new Referral
        {
            OrganisationId = to.Id,
            Id = message.ReferralId,
            Side = ReferralSide.Recipient,
            FromOrganisationId = message.FromOrganisationId,
            ToOrganisationId = to.Id,
            Service = message.Service,
            Priority = message.Priority,
            NeedLanguages = message.Needs.Languages.ToList(),
            NeedDependants = message.Needs.Dependants,
            NeedAccessibility = message.Needs.AccessibilityNeeded,
            ContactingSubjectProhibited = message.ContactingSubjectProhibited,
            RequestedAt = message.RequestedAt,
            DueAt = message.DueAt,
            ReceivedAt = now,
            UpdatedAt = now,
            BedHoldId = message.BedHoldId,
            ConsentId = message.ConsentId,
            ConsentExpiresAt = categories.Count > 0 ? message.ConsentExpiresAt : null,
            SharedCategories = categories,
            GivenName = profile?.GivenName,
            FamilyName = profile?.FamilyName,
            DateOfBirth = profile?.DateOfBirth,
            Gender = profile?.Gender,
            Phone = profile?.Phone,
            Email = profile?.Email,
            HealthNotes = profile?.HealthNotes,
            LegalStatusNotes = profile?.LegalStatusNotes,
            CaseNotes = profile?.CaseNotes,
            Note = profile?.Note,
        };
        referral.OriginTraceParent = Activity.Current?.Id;
        Referrals.Add(referral);
        Tag(referral);
        AddAudit(to.Id, referral.Id, message.FromOrganisationId, "received", toStatus: ReferralStatuses.Requested, categories: categories);
        db.AddToOutbox(new ReferralReceived(referral.Id, to.Id, now), QueueOf(message.FromOrganisationId));
        LogReceived(referral.Id, message.FromOrganisationId, to.Id);
    }

    public async Task ConfirmReceiptAsync(ReferralReceived message, CancellationToken ct)
    {
        var referral = await Referrals.FirstOrDefaultAsync(r => r.Id == message.ReferralId && r.Side == ReferralSide.Requester, ct);
        if (referral is null || referral.ReceivedAt is not null || referral.ToOrganisationId != message.ByOrganisationId)
            return;
        Tag(referral);
        referral.ReceivedAt = message.ReceivedAt;
        AddAudit(referral.OrganisationId, referral.Id, message.ByOrganisationId, "receipt-confirmed");
    }

    public async Task ApplyRemoteStatusAsync(ReferralStatusChanged message, CancellationToken ct)
    {
        var referral = await Referrals.FirstOrDefaultAsync(r => r.Id == message.ReferralId && r.OrganisationId != message.ByOrganisationId, ct)
            // The referral itself may still be on its way (messages can overtake each other):
            // failing lets the retry find it; if it never comes, an operator finds this in the error queue.
            ?? throw new InvalidOperationException($"status change for referral {message.ReferralId}, which is not here (yet)");
        if (message.ByOrganisationId != referral.FromOrganisationId && message.ByOrganisationId != referral.ToOrganisationId)
            throw new InvalidOperationException($"status change for referral {referral.Id} claims to come from '{message.ByOrganisationId}', which is not a party to it");
        Tag(referral);
        if (referral.Status != message.FromStatus)
        {
            if (referral.Status == message.ToStatus)
                return; // a copy of a change already applied
            throw new InvalidOperationException($"status change of referral {referral.Id} from '{message.FromStatus}' arrived while it is '{referral.Status}'; an earlier change is still on its way");
        }
        var theirSide = referral.Side == ReferralSide.Requester ? ReferralSide.Recipient : ReferralSide.Requester;
        if (ReferralLifecycle.Check(referral.Status, message.ToStatus, theirSide, message.Reason, message.DeclinedBy) is { } error)
            throw new InvalidOperationException($"status change of referral {referral.Id} to '{message.ToStatus}' is not allowed for the other side: {error.Message}");
        await ApplyAsync(referral, referral.Status, message.ToStatus, message.Reason, message.DeclinedBy, message.ByOrganisationId, ct);
    }

    public async Task PurgeAsync(ConsentWithdrawn message, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!await db.Set<WithdrawnConsent>().AnyAsync(w => w.OrganisationId == message.RecipientOrganisationId && w.ConsentId == message.ConsentId, ct))
            db.Set<WithdrawnConsent>().Add(new WithdrawnConsent { OrganisationId = message.RecipientOrganisationId, ConsentId = message.ConsentId, WithdrawnAt = now });
        if (message.Cause is not ("revoked" or "expired"))
            throw new InvalidOperationException($"consent withdrawal with unknown cause; expected 'revoked' or 'expired'");
        // Only the organisation that sent data under a consent can withdraw it.
        var held = await Referrals
            .Where(r => r.OrganisationId == message.RecipientOrganisationId && r.Side == ReferralSide.Recipient
                && r.ConsentId == message.ConsentId && r.FromOrganisationId == message.FromOrganisationId)
            .ToListAsync(ct);
        foreach (var referral in held.Where(r => r.PurgedAt is null))
        {
            referral.Version++;
            Redact(referral);
            referral.PurgedAt = now;
            AddAudit(referral.OrganisationId, referral.Id, message.RecipientOrganisationId, "purged", reason: message.Cause, categories: referral.SharedCategories);
        }
        db.AddToOutbox(
            new PersonalDataPurged(message.ConsentId, message.RecipientOrganisationId, held.Select(r => r.Id).ToList(), now),
            QueueOf(message.FromOrganisationId));
        LogPurged(message.ConsentId, held.Count);
    }

    /// <summary>
    /// The recipient's own safeguard: copies whose consent has expired are redacted here at once,
    /// without waiting for the origin to say so. Returns how many.
    /// </summary>
    public async Task<int> RedactExpiredCopiesAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expired = await Referrals
            .Where(r => r.Side == ReferralSide.Recipient && r.PurgedAt == null && r.ConsentExpiresAt != null && r.ConsentExpiresAt <= now)
            .ToListAsync(ct);
        foreach (var referral in expired)
        {
            referral.Version++;
            Redact(referral);
            referral.PurgedAt = now;
            AddAudit(referral.OrganisationId, referral.Id, referral.OrganisationId, "purged", reason: "expired", categories: referral.SharedCategories);
        }
        await db.SaveChangesAsync(ct);
        return expired.Count;
    }

    public async Task ConfirmPurgeAsync(PersonalDataPurged message, CancellationToken ct)
    {
        var disclosures = await Disclosures
            .Where(d => d.ConsentId == message.ConsentId && d.RecipientOrganisationId == message.RecipientOrganisationId
                && d.PurgeConfirmedAt == null && d.PurgeRequestedAt != null)
            .ToListAsync(ct);
        foreach (var disclosure in disclosures)
        {
            disclosure.PurgeConfirmedAt = message.PurgedAt;
            AddAudit(disclosure.OrganisationId, disclosure.ReferralId, message.RecipientOrganisationId, "purge-confirmed");
        }
    }

    // ---- Shared ----

    async Task ApplyAsync(Referral referral, string previous, string target, string? reason, string? declinedBy, string actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        referral.Version++;
        referral.Status = target;
        referral.StatusReason = reason;
        referral.DeclinedBy = declinedBy;
        referral.UpdatedAt = now;
        if (target is ReferralStatuses.Accepted or ReferralStatuses.Rejected)
            referral.AnsweredAt ??= now;
        AddAudit(referral.OrganisationId, referral.Id, actor, "status-changed", previous, target, reason);

        if (referral.Side != ReferralSide.Recipient)
            return;
        if (target == ReferralStatuses.EnteredInError && referral.SharedCategories.Count > 0 && referral.PurgedAt is null)
        {
            // Sent in error, perhaps to the wrong organisation: the personal data that came with it must not stay.
            Redact(referral);
            referral.PurgedAt = now;
            AddAudit(referral.OrganisationId, referral.Id, referral.OrganisationId, "purged", reason: ReferralStatuses.EnteredInError, categories: referral.SharedCategories);
        }
        var wasTaken = previous is ReferralStatuses.Accepted or ReferralStatuses.InProgress or ReferralStatuses.OnHold;
        if (wasTaken && ReferralLifecycle.IsFinal(target))
            await recipient.ClosedAsync(referral, previous, ct);
        else if (previous == ReferralStatuses.Requested && ReferralLifecycle.IsFinal(target))
            await recipient.NotTakenAsync(referral, ct);
    }

    static void Tag(Referral referral)
    {
        var activity = Activity.Current;
        if (activity is null)
            return;
        activity.SetTag(ReferralNetTelemetry.Tags.ReferralId, referral.Id);
        activity.SetTag(ReferralNetTelemetry.Tags.FromOrganisationId, referral.FromOrganisationId);
        activity.SetTag(ReferralNetTelemetry.Tags.ToOrganisationId, referral.ToOrganisationId);
    }

    static Activity? StartLinkedActivity(Referral referral)
    {
        ActivityLink[] links = ActivityContext.TryParse(referral.OriginTraceParent, null, out var origin) ? [new ActivityLink(origin)] : [];
        // Stays in the trace of the person's request; the link leads to the referral's first trace.
        return ReferralNetTelemetry.Source.StartActivity("referral status change", ActivityKind.Internal, Activity.Current?.Context ?? default, links: links);
    }

    static void Redact(Referral referral)
    {
        static string? Mark(string? value) => value is null ? null : Redacted;
        referral.GivenName = Mark(referral.GivenName);
        referral.FamilyName = Mark(referral.FamilyName);
        referral.DateOfBirth = null;
        referral.Gender = Mark(referral.Gender);
        referral.Phone = Mark(referral.Phone);
        referral.Email = Mark(referral.Email);
        referral.HealthNotes = Mark(referral.HealthNotes);
        referral.LegalStatusNotes = Mark(referral.LegalStatusNotes);
        referral.CaseNotes = Mark(referral.CaseNotes);
        referral.Note = Mark(referral.Note);
    }

    void AddAudit(string organisationId, string referralId, string actor, string action,
        string? fromStatus = null, string? toStatus = null, string? reason = null, IReadOnlyList<string>? categories = null) =>
        Audit.Add(new AuditEntry
        {
            OrganisationId = organisationId,
            ReferralId = referralId,
            At = clock.GetUtcNow(),
            ActorOrganisationId = actor,
            Action = action,
            FromStatus = fromStatus,
            ToStatus = toStatus,
            Reason = reason,
            Categories = categories?.ToList() ?? [],
        });

    string? RecipientProblem(string organisationId, string? recipientId)
    {
        var to = directory.Find(recipientId ?? "");
        if (to is null)
            return $"there is no organisation '{recipientId}'";
        if (to.Id == organisationId)
            return "an organisation cannot refer to itself or record consent for itself";
        if (ServiceNames.ForKind(to.Kind) is null)
            return $"organisation '{to.Id}' operates the network and receives no referrals";
        return null;
    }

    string QueueOf(string organisationId)
    {
        var organisation = directory.Find(organisationId) ?? throw new InvalidOperationException($"unknown organisation '{organisationId}'");
        return "queue:" + ServiceNames.ReferralQueue(ServiceNames.ForKind(organisation.Kind)!);
    }

    const int MaxText = 4000;

    static string? TooLong(SurvivorRegistration r) =>
        new (string Name, string? Value)[]
        {
            ("givenName", r.GivenName), ("familyName", r.FamilyName), ("phone", r.Phone), ("email", r.Email), ("gender", r.Gender),
            ("healthNotes", r.HealthNotes), ("legalStatusNotes", r.LegalStatusNotes), ("caseNotes", r.CaseNotes),
        }.FirstOrDefault(f => f.Value?.Length > MaxText).Name;

    static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 17)];

    [LoggerMessage(Level = LogLevel.Information, Message = "Referral {ReferralId} sent from {FromOrganisationId} to {ToOrganisationId}")]
    partial void LogSent(string referralId, string fromOrganisationId, string toOrganisationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Referral {ReferralId} from {FromOrganisationId} received for {ToOrganisationId}")]
    partial void LogReceived(string referralId, string fromOrganisationId, string toOrganisationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consent {ConsentId} {Cause}: purge requested for {Count} referral(s)")]
    partial void LogWithdrawn(string consentId, string cause, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged personal data under consent {ConsentId} from {Count} referral(s)")]
    partial void LogPurged(string consentId, int count);
}
