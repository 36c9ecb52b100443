namespace ReferralNet.Faults;

/// <summary>One fault and how to run it.</summary>
sealed record Scenario(string Name, string Fault, Func<ScenarioContext, Task<ScenarioResult>> RunAsync);
