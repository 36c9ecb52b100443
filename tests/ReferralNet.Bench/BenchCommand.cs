using ReferralNet.Testing;

namespace ReferralNet.Bench;

/// <summary>
/// <c>referralnet-bench [mode] [options]</c>: picks the mode (the first argument unless it is an
/// option; <c>bed-propagation</c> by default), runs it, and turns failures into a message and an
/// exit code. A new mode is one more entry in <see cref="Modes"/>. <c>all</c> runs every mode in
/// turn with its defaults.
/// </summary>
static class BenchCommand
{
    const string ToolName = "referralnet-bench";

    static readonly IReadOnlyList<BenchMode> Modes =
    [
        BedPropagation.Mode,
        ReferralRoundTrip.Mode,
        PipelineBench.Mode,
        GrpcLookupBench.Mode,
        TracingBench.Mode,
    ];

    static BenchMode DefaultMode => Modes[0];

    const string All = "all";

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        if (args is ["-h" or "--help" or "help"])
        {
            PrintUsage(Console.Out);
            return 0;
        }
        if (args is [All, ..])
            return await RunAllAsync(args[1..], ct);
        var mode = DefaultMode;
        var rest = args;
        if (args.Length > 0 && !args[0].StartsWith('-'))
        {
            mode = Modes.FirstOrDefault(m => m.Name == args[0])!;
            if (mode is null)
            {
                Console.Error.WriteLine($"error: unknown mode '{args[0]}'; the modes are: {string.Join(", ", Modes.Select(m => m.Name))}, or {All} for every one.");
                PrintUsage(Console.Error);
                return 2;
            }
            rest = args[1..];
        }
        if (rest.Any(a => a is "-h" or "--help"))
        {
            PrintUsage(Console.Out, mode);
            return 0;
        }

        try
        {
            var commandLine = CommandLine.Parse(rest, mode.Options.Select(o => o.Name));
            return await mode.RunAsync(commandLine, ct);
        }
        catch (CommandLineException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            PrintUsage(Console.Error, mode);
            return 2;
        }
        catch (Exception e) when (e is BenchException or ServiceProcessException or CheckoutException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Console.Error.WriteLine("Cancelled: nothing was written.");
            return 130;
        }
    }

    /// <summary>Every mode in turn, each on a network of its own, stopping at the first that fails.</summary>
    static async Task<int> RunAllAsync(string[] rest, CancellationToken ct)
    {
        if (rest.Length > 0)
        {
            Console.Error.WriteLine($"error: '{All}' runs every mode with its defaults and takes no options; to set options run one mode, e.g. {ToolName} {Modes[^1].Name} --help.");
            return 2;
        }
        foreach (var mode in Modes)
        {
            Console.WriteLine($"=== {mode.Name} ===");
            var code = await RunAsync([mode.Name], ct);
            if (code != 0)
                return code;
        }
        return 0;
    }

    static void PrintUsage(TextWriter output, BenchMode? only = null)
    {
        output.WriteLine($"usage: {ToolName} [mode] [options]   (mode defaults to {DefaultMode.Name}; '{All}' runs every mode with its defaults)");
        foreach (var mode in only is null ? Modes : [only])
        {
            output.WriteLine();
            output.WriteLine($"  {mode.Name}: {mode.Summary}");
            foreach (var option in mode.Options)
                output.WriteLine($"    {$"--{option.Name} {option.Value}",-28} {option.Description}");
        }
    }
}
