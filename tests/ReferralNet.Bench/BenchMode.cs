namespace ReferralNet.Bench;

/// <summary>One thing the bench can measure: <c>referralnet-bench &lt;name&gt; [options]</c>.</summary>
sealed record BenchMode(
    string Name,
    string Summary,
    IReadOnlyList<BenchOption> Options,
    Func<CommandLine, CancellationToken, Task<int>> RunAsync);
