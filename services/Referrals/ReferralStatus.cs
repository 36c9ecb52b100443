using System.Text.Json.Serialization;

namespace ReferralNet.Referrals;

/// <summary>
/// What a referral's status can be. Its codes are <see cref="ReferralStatuses"/>, the list the
/// messages, the API and the portal share; this type is how the engine holds them.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReferralStatus>))]
public enum ReferralStatus
{
    [JsonStringEnumMemberName(ReferralStatuses.Requested)] Requested,
    [JsonStringEnumMemberName(ReferralStatuses.Accepted)] Accepted,
    [JsonStringEnumMemberName(ReferralStatuses.Rejected)] Rejected,
    [JsonStringEnumMemberName(ReferralStatuses.InProgress)] InProgress,
    [JsonStringEnumMemberName(ReferralStatuses.OnHold)] OnHold,
    [JsonStringEnumMemberName(ReferralStatuses.Completed)] Completed,
    [JsonStringEnumMemberName(ReferralStatuses.Failed)] Failed,
    [JsonStringEnumMemberName(ReferralStatuses.Cancelled)] Cancelled,
    [JsonStringEnumMemberName(ReferralStatuses.EnteredInError)] EnteredInError,
}
