using System.Diagnostics;
using ReferralNet.ServiceDefaults.Telemetry;

namespace ReferralNet.Referrals;

/// <summary>Puts a referral's ids (never personal data) on the current trace.</summary>
public static class ReferralTelemetry
{
    /// <summary>Tags the current activity with the referral and its two organisations.</summary>
    public static void Tag(Referral referral)
    {
        var activity = Activity.Current;
        if (activity is null)
            return;
        activity.SetTag(ReferralNetTelemetry.Tags.ReferralId, referral.Id);
        activity.SetTag(ReferralNetTelemetry.Tags.FromOrganisationId, referral.FromOrganisationId);
        activity.SetTag(ReferralNetTelemetry.Tags.ToOrganisationId, referral.ToOrganisationId);
    }
}
