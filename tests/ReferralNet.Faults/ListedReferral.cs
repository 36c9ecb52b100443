namespace ReferralNet.Faults;

/// <summary>What the suite reads of a referral in a service's list.</summary>
sealed record ListedReferral(string Id, string Direction, DateTimeOffset? ReceivedAt);
