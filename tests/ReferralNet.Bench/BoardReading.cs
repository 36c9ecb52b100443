namespace ReferralNet.Bench;

/// <summary>One shelter's bed count as a bed board showed it, and when the bench saw it.</summary>
readonly record struct BoardReading(long Version, int Total, int Occupied, long SeenAt);
