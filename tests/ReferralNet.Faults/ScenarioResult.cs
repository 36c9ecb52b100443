namespace ReferralNet.Faults;

/// <summary>One row of the results table, and why it failed if it did.</summary>
sealed record ScenarioResult(
    string Scenario,
    string Fault,
    int Sent,
    int Delivered,
    int Lost,
    int Doubled,
    int Unexpected,
    double? DrainSeconds,
    IReadOnlyList<string> Findings,
    IReadOnlyList<string> Failures,
    IReadOnlyDictionary<string, double> Figures)
{
    public bool Passed => Failures.Count == 0;

    public static ScenarioResult Crashed(string scenario, string fault, Exception e) =>
        new(scenario, fault, 0, 0, 0, 0, 0, null, [], [$"the scenario could not be carried out: {e.GetType().Name}: {e.Message}"], new Dictionary<string, double>());
}
