namespace ReferralNet.Bench;

/// <summary>
/// The MassTransit run's message: the run it belongs to, the publisher's <see cref="System.Diagnostics.Stopwatch"/>
/// timestamp, and a payload padded to the size of a referral's body.
/// </summary>
public sealed record BenchMessage(int Run, long SentAt, string Payload);
