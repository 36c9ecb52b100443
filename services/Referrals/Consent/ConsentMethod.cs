using System.Text.Json.Serialization;

namespace ReferralNet.Referrals.Consent;

/// <summary>How a survivor gave consent; a verbal consent needs a witness.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConsentMethod>))]
public enum ConsentMethod
{
    [JsonStringEnumMemberName("written")] Written,
    [JsonStringEnumMemberName("verbal")] Verbal,
}
