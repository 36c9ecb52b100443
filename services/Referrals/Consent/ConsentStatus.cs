using System.Text.Json.Serialization;

namespace ReferralNet.Referrals.Consent;

/// <summary>What a consent's status can be.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConsentStatus>))]
public enum ConsentStatus
{
    [JsonStringEnumMemberName("active")] Active,
    [JsonStringEnumMemberName("expired")] Expired,
    [JsonStringEnumMemberName("revoked")] Revoked,
}
