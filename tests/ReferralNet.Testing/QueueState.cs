namespace ReferralNet.Testing;

/// <summary>One queue as the broker reports it.</summary>
/// <param name="Messages">Ready and unacknowledged messages.</param>
/// <param name="Type">classic or quorum.</param>
public sealed record QueueState(string Name, long Messages, string Type);
