namespace ReferralNet.Bench;

/// <summary>
/// <c>referralnet-bench [mode] [options]</c>: picks the mode (the first argument unless it is an
/// option; <c>bed-propagation</c> by default), runs it, and turns failures into a message and an
/// exit code. A new mode is one more entry in <see cref="Modes"/>.
/// </summary>
static class BenchCommand
{
    const string ToolName = "referralnet-bench";

    static readonly IReadOnlyList<BenchMode> Modes =
    [
        BedPropagation.Mode,
    ];

    static BenchMode DefaultMode => Modes[0];

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        if (args is ["-h" or "--help" or "help"])
        {
            PrintUsage(Console.Out);
            return 0;
        }
        var mode = DefaultMode;
        var rest = args;
        if (args.Length > 0 && !args[0].StartsWith('-'))
        {
            mode = Modes.FirstOrDefault(m => m.Name == args[0])!;
            if (mode is null)
            {
                Console.Error.WriteLine($"error: unknown mode '{args[0]}'; the modes are: {string.Join(", ", Modes.Select(m => m.Name))}.");
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
        catch (BenchException e)
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

    static void PrintUsage(TextWriter output, BenchMode? only = null)
    {
        output.WriteLine($"usage: {ToolName} [mode] [options]   (mode defaults to {DefaultMode.Name})");
        foreach (var mode in only is null ? Modes : [only])
        {
            output.WriteLine();
            output.WriteLine($"  {mode.Name}: {mode.Summary}");
            foreach (var option in mode.Options)
                output.WriteLine($"    {$"--{option.Name} {option.Value}",-28} {option.Description}");
        }
    }
}
