namespace ReferralNet.Operator.Tests.Support;

/// <summary>A message whose body carries personal data (a canary the tool must never print).</summary>
public sealed record CaseNote(string ReferralId, string Note, string? Failure = null);
