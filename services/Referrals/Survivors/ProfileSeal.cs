using System.Globalization;
using System.Text.Json;
using ReferralNet.Messaging.Sealing;

namespace ReferralNet.Referrals.Survivors;

/// <summary>
/// The profile a referral carries, sealed to the recipient's service when the outbox row is written
/// and opened there by the consumer: the broker, the outbox, other services and whoever reads an
/// <c>_error</c> queue see ciphertext only. The associated data binds it to the referral's
/// non-personal facts (message type, referral, sender, recipient and its service, consent, its
/// expiry, the categories), so it opens on no other message.
/// </summary>
public sealed class ProfileSeal(SealingKeys keys, OrganisationDirectory directory)
{
    /// <summary>
    /// <paramref name="message"/> carrying <paramref name="profile"/>, sealed to the recipient's
    /// service (in plaintext only where the benchmark turned sealing off), or the reason it cannot
    /// be sent: the recipient's service has published no key.
    /// </summary>
    public (ReferralRequested? Message, string? Problem) Seal(ReferralRequested message, SharedProfile? profile)
    {
        if (profile is null)
            return (message with { Profile = null, SealedProfile = null }, null);
        if (keys.Plaintext)
            return (message with { Profile = profile, SealedProfile = null }, null);
        var service = RecipientService(message);
        var key = keys.PublicKeyOf(service);
        if (key is null)
            return (null, $"the service '{service}' of organisation '{message.ToOrganisationId}' has not published its sealing key ({service}.pub), " +
                "so personal data cannot be sent to it; nothing was sent: try again once that service has started, or share nothing");
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(profile, ReferralNetDbContext.MessageJson);
        return (message with { Profile = null, SealedProfile = Envelope.Seal(plaintext, Facts(message, service), key) }, null);
    }

    /// <summary>
    /// The profile <paramref name="message"/> carries, opened; null when it carries none. Throws
    /// <see cref="SealingException"/> when it cannot be opened, or arrived unsealed where plaintext is not allowed.
    /// </summary>
    public SharedProfile? Open(ReferralRequested message)
    {
        if (message.Profile is not null)
        {
            if (!keys.Plaintext)
                throw new SealingException(
                    $"referral {message.ReferralId} carries personal data unsealed; service '{keys.Service}' accepts only sealed profiles");
            return message.Profile;
        }
        if (message.SealedProfile is null)
            return null;
        byte[] plaintext;
        try
        {
            plaintext = Envelope.Open(message.SealedProfile, Facts(message, keys.Service), keys.Held);
        }
        catch (SealingException e)
        {
            throw new SealingException($"the profile of referral {message.ReferralId} cannot be opened: {e.Message}");
        }
        try
        {
            return JsonSerializer.Deserialize<SharedProfile>(plaintext, ReferralNetDbContext.MessageJson)
                ?? throw new SealingException($"the sealed profile of referral {message.ReferralId} is empty");
        }
        catch (JsonException)
        {
            throw new SealingException($"the sealed profile of referral {message.ReferralId} opened but is not a profile");
        }
    }

    /// <summary>
    /// <paramref name="message"/> with no personal data at all: what a revocation leaves of a
    /// referral not yet delivered (an unsent outbox row, a copy in an <c>_error</c> queue). It is
    /// still a referral the recipient can record, under a consent it will learn is withdrawn.
    /// </summary>
    public static ReferralRequested WithoutProfile(ReferralRequested message) =>
        message with { Profile = null, SealedProfile = null, SharedCategories = [] };

    string RecipientService(ReferralRequested message) =>
        directory.Find(message.ToOrganisationId) is { } to && ServiceNames.ForKind(to.Kind) is { } service
            ? service
            : throw new InvalidOperationException($"organisation '{message.ToOrganisationId}' is hosted by no service");

    static byte[] Facts(ReferralRequested message, string recipientService) => Envelope.Facts(
        [
            typeof(ReferralRequested).FullName, message.ReferralId, message.FromOrganisationId, message.ToOrganisationId, recipientService,
            message.ConsentId, message.ConsentExpiresAt?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            string.Join(",", message.SharedCategories),
        ]);
}
