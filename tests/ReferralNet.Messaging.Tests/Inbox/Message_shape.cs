using ReferralNet.Messaging.Inbox;
using ReferralNet.Contracts.Referrals;

namespace ReferralNet.Messaging.Tests.Inbox;

public sealed class Message_shape
{
    [Fact]
    public void Names_the_first_required_field_a_message_arrived_without()
    {
        // What the broker's JSON reader makes of {"referralId":"rf-1"}: the other fields null.
        var received = new ReferralReceived("rf-1", null!, DateTimeOffset.UnixEpoch);
        Assert.Equal("byOrganisationId", MessageShape.MissingField(received));
        Assert.Equal("consentId", MessageShape.MissingField(new PersonalDataPurged(null!, null!, null!, default)));
    }

    [Fact]
    public void Accepts_a_message_whose_only_missing_fields_may_be_null()
    {
        var changed = new ReferralStatusChanged("rf-1", "harbour-house", "requested", "accepted", Reason: null, DeclinedBy: null, DateTimeOffset.UnixEpoch);
        Assert.Null(MessageShape.MissingField(changed));
    }
}
