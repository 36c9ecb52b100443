namespace ReferralNet.Contracts.Referrals;

/// <summary>
/// Referral statuses, after the HL7 FHIR Task as profiled by the Gravity Project SDOH Clinical
/// Care guide.
/// </summary>
public static class ReferralStatuses
{
    public const string Requested = "requested";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string InProgress = "in-progress";
    public const string OnHold = "on-hold";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
    public const string EnteredInError = "entered-in-error";

    public static readonly IReadOnlyList<string> All =
        [Requested, Accepted, Rejected, InProgress, OnHold, Completed, Failed, Cancelled, EnteredInError];
}
