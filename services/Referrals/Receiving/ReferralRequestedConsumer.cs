using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ReferralNet.Referrals.Audit;
using ReferralNet.Referrals.Consent;
using ReferralNet.Referrals.Survivors;

namespace ReferralNet.Referrals.Receiving;

/// <summary>
/// Stores a referral sent to one of this service's organisations, its profile opened here (a profile
/// that does not open goes to the <c>_error</c> queue at once), and confirms receipt.
/// </summary>
public sealed partial class ReferralRequestedConsumer(
    ReferralNetDbContext db,
    OrganisationDirectory directory,
    ProfileSeal seal,
    TimeProvider clock,
    ILogger<ReferralRequestedConsumer> logger) : RecipientConsumer<ReferralRequested>(db, directory, clock)
{
    /// <summary>
    /// Stores the recipient's record (once per referral) with only what its consent lets through,
    /// and tells the sender it arrived; the caller saves.
    /// </summary>
    public override async Task ApplyAsync(ReferralRequested message, CancellationToken ct)
    {
        RecordIds.Require(RecordIds.Referral, message.ReferralId, "referralId", nameof(ReferralRequested));
        if (message.ConsentId is not null)
            RecordIds.Require(RecordIds.Consent, message.ConsentId, "consentId", nameof(ReferralRequested));
        // Languages travel without consent: a sender that put anything but tags there is refused whole.
        var (languages, languageProblem) = LanguageTags.Check(message.Needs.Languages, "needs.languages");
        if (languageProblem is not null)
            throw new ArgumentException($"a {nameof(ReferralRequested)} arrived with {languageProblem}; it cannot be applied");
        var to = Directory.Find(message.ToOrganisationId)
            ?? throw new InvalidOperationException($"referral {message.ReferralId} is addressed to unknown organisation '{message.ToOrganisationId}'");
        if (await Db.Set<Referral>().AnyAsync(r => r.OrganisationId == to.Id && r.Id == message.ReferralId, ct))
            return;

        var now = Clock.GetUtcNow();
        // Store nothing outside the consent: without a consent reference no personal data is kept,
        // and of a profile only the fields of the categories shared.
        var withdrawn = message.ConsentId is not null
            && await Db.Set<WithdrawnConsent>().AnyAsync(w => w.OrganisationId == to.Id && w.ConsentId == message.ConsentId, ct);
        List<string> categories = message.ConsentId is null || withdrawn ? [] : message.SharedCategories.Where(ConsentCategories.IsKnown).Distinct().ToList();
        var referral = new Referral
        {
            OrganisationId = to.Id,
            Id = message.ReferralId,
            Side = ReferralSide.Recipient,
            FromOrganisationId = message.FromOrganisationId,
            ToOrganisationId = to.Id,
            Service = message.Service,
            Priority = message.Priority,
            NeedLanguages = languages,
            NeedDependants = message.Needs.Dependants,
            NeedAccessibility = message.Needs.AccessibilityNeeded,
            ContactingSubjectProhibited = message.ContactingSubjectProhibited,
            RequestedAt = message.RequestedAt,
            DueAt = message.DueAt,
            ReceivedAt = now,
            UpdatedAt = now,
            ConsentId = message.ConsentId,
            ConsentExpiresAt = categories.Count > 0 ? message.ConsentExpiresAt : null,
            SharedCategories = categories,
            // Opened only when something of it may be kept: under a withdrawn consent it is not looked at.
            Profile = (categories.Count == 0 ? null : SurvivorProfile.From(seal.Open(message)).For(categories)) ?? new(),
            OriginTraceParent = Activity.Current?.Id,
        };
        Db.Set<Referral>().Add(referral);
        ReferralTelemetry.Tag(referral);
        Db.AddAudit(now, to.Id, referral.Id, message.FromOrganisationId, AuditAction.Received, toStatus: ReferralStatus.Requested.Code(), categories: categories);
        AnswerSender(new ReferralReceived(referral.Id, to.Id, now), message.FromOrganisationId);
        LogReceived(referral.Id, message.FromOrganisationId, to.Id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Referral {ReferralId} from {FromOrganisationId} received for {ToOrganisationId}")]
    partial void LogReceived(string referralId, string fromOrganisationId, string toOrganisationId);
}
