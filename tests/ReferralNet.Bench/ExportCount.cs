namespace ReferralNet.Bench;

/// <summary>What the sink received from all services during one variant's measured runs.</summary>
sealed record ExportCount(long Requests, long Bytes);
