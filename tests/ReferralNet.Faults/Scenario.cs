namespace ReferralNet.Faults;

/// <summary>One fault and how to run it.</summary>
/// <param name="OwnBroker">Whether it stops, kills or replaces the broker, and so needs one of its own.</param>
sealed record Scenario(string Name, string Fault, Func<ScenarioContext, Task<ScenarioResult>> RunAsync, bool OwnBroker);
