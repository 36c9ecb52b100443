using ReferralNet.Testing;

namespace ReferralNet.Bench;

/// <summary>
/// One thing the bench can measure: <c>referralnet-bench &lt;name&gt; [options]</c>. Every mode also
/// takes <c>--out</c> (its results, tests/ReferralNet.Bench/results/&lt;name&gt;.json by default) and
/// <c>--set</c> (configuration for every service), described by <paramref name="SettingsDescription"/>.
/// </summary>
sealed record BenchMode(
    string Name,
    string Summary,
    IReadOnlyList<BenchOption> ModeOptions,
    string SettingsDescription,
    Func<CommandLine, CancellationToken, Task<int>> RunAsync)
{
    public string DefaultOutput => $"tests/ReferralNet.Bench/results/{Name}.json";

    /// <summary>The options <c>--help</c> shows and the command line accepts.</summary>
    public IReadOnlyList<BenchOption> Options =>
    [
        .. ModeOptions,
        new("out", "PATH", $"JSON results (default {DefaultOutput} in the repository)"),
        new("set", "KEY=VALUE;…", SettingsDescription),
    ];

    /// <summary>The checkout, the results path and the services' settings; fails before anything starts if a service is not built.</summary>
    public BenchSetup Prepare(CommandLine options)
    {
        var repository = Checkout.Find();
        foreach (var name in BenchNetwork.ServiceNames)
            repository.ServiceDll(name);
        return new BenchSetup(repository, repository.OutputPath(options.String("out"), DefaultOutput), options.Pairs("set"));
    }
}
