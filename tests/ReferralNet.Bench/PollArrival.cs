using System.Text.Json;

namespace ReferralNet.Bench;

/// <summary>
/// The poll that first showed what was awaited: its answer, when the bench had it, how long before
/// it the awaited state was last seen missing (the measurement's uncertainty), and how many polls it took.
/// </summary>
readonly record struct PollArrival(JsonElement Answer, long SeenAt, TimeSpan Window, int Polls);
