using System.Text.Json.Serialization;

namespace ReferralNet.Referrals.Audit;

/// <summary>What a line of a referral's audit trail records.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AuditAction>))]
public enum AuditAction
{
    /// <summary>The sender made the referral.</summary>
    [JsonStringEnumMemberName("created")] Created,
    /// <summary>The recipient stored it.</summary>
    [JsonStringEnumMemberName("received")] Received,
    /// <summary>The sender learnt that the recipient stored it.</summary>
    [JsonStringEnumMemberName("receipt-confirmed")] ReceiptConfirmed,
    /// <summary>Either side moved it to another status.</summary>
    [JsonStringEnumMemberName("status-changed")] StatusChanged,
    /// <summary>The sender disclosed personal data with it under a consent.</summary>
    [JsonStringEnumMemberName("disclosed")] Disclosed,
    /// <summary>The sender asked the recipient to purge what it holds.</summary>
    [JsonStringEnumMemberName("purge-requested")] PurgeRequested,
    /// <summary>The recipient purged what it held.</summary>
    [JsonStringEnumMemberName("purged")] Purged,
    /// <summary>The sender learnt that the recipient purged.</summary>
    [JsonStringEnumMemberName("purge-confirmed")] PurgeConfirmed,
}
