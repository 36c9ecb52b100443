using ReferralNet.Contracts.Beds;
using ReferralNet.Contracts.Referrals;

namespace ReferralNet.Messaging.Authenticity;

/// <summary>
/// Who a broker message says it acts for, and whom it is for: the fields a consumer trusts, to be
/// checked against the broker user that published it (<see cref="AuthenticityFilter{T}"/>).
/// </summary>
/// <param name="ActingOrganisation">The organisation the message acts for (sender, recipient or shelter operator); its service must be the publisher.</param>
/// <param name="ActingService">For a message a service sends in its own name (a bed-board refresh): the publisher itself.</param>
/// <param name="AddressedOrganisation">The organisation it is for, which the receiving service must host; null when it names none.</param>
public sealed record MessageClaims(string? ActingOrganisation, string? ActingService, string? AddressedOrganisation)
{
    /// <summary>The claims of every message type in ReferralNet.Contracts; null for any other type.</summary>
    public static MessageClaims? For(object message) => message switch
    {
        ReferralRequested m => new(m.FromOrganisationId, null, m.ToOrganisationId),
        ReferralReceived m => new(m.ByOrganisationId, null, null),
        ReferralStatusChanged m => new(m.ByOrganisationId, null, null),
        ConsentWithdrawn m => new(m.FromOrganisationId, null, m.RecipientOrganisationId),
        PersonalDataPurged m => new(m.RecipientOrganisationId, null, null),
        BedAvailabilityChanged m => new(m.OrganisationId, null, null),
        BedBoardRefreshRequested m => new(null, m.RequestedBy, null),
        _ => null,
    };
}
