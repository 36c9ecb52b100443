using ReferralNet.BadInput.Corpus;
using ReferralNet.BadInput.Replay;

namespace ReferralNet.BadInput;

/// <summary>The two commands: generate a corpus, replay it against a network.</summary>
public static class BadInputCommand
{
    const string Usage = """
        referralnet-badinput: the bad-input corpus (deploy/badinput.sh)

          generate [--seed N] [--count N] [--out FILE]
              Writes the corpus as JSON lines (default: seed 20261128, at least 10000 entries, to stdout).
          replay --corpus FILE [--network name=url,...] [--parallel N]
              Sends every entry to a running network (default: the local one of deploy/up.sh,
              on the ports of deploy/network.env) and prints a table per category.
              Names for --network: shelter, shelter-grpc, legalaid, legalaid-grpc, medical,
              medical-grpc, vocational, vocational-grpc, amqp.
              Exits 1 on any 5xx, crash, 4xx without a useful message, bad input accepted,
              malformed message not in an _error queue, or service unhealthy afterwards.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            return args switch
            {
                ["generate", .. var rest] => await GenerateAsync(Options(rest)),
                ["replay", .. var rest] => await ReplayAsync(Options(rest)),
                _ => Help(),
            };
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
    }

    static int Help()
    {
        Console.Error.WriteLine(Usage);
        return 2;
    }

    static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"'{args[i]}' is not an option with a value");
            options[args[i][2..]] = args[++i];
        }
        return options;
    }

    static int IntOption(Dictionary<string, string> options, string name, int fallback) =>
        !options.TryGetValue(name, out var text) ? fallback
        : int.TryParse(text, out var value) && value > 0 ? value
        : throw new ArgumentException($"--{name} takes a positive whole number, not '{text}'");

    static async Task<int> GenerateAsync(Dictionary<string, string> options)
    {
        var corpus = CorpusGenerator.Generate(IntOption(options, "seed", CorpusGenerator.DefaultSeed), IntOption(options, "count", CorpusGenerator.DefaultCount));
        if (options.TryGetValue("out", out var path))
        {
            await using var file = new StreamWriter(path);
            await CorpusGenerator.WriteAsync(corpus, file);
            Console.Error.WriteLine($"{corpus.Count} entries written to {path}");
            foreach (var group in corpus.GroupBy(e => (e.Protocol, e.Category)).OrderBy(g => g.Key))
                Console.Error.WriteLine($"  {group.Key.Protocol,-5} {group.Key.Category,-26} {group.Count(),6}");
        }
        else
            await CorpusGenerator.WriteAsync(corpus, Console.Out);
        return 0;
    }

    static async Task<int> ReplayAsync(Dictionary<string, string> options)
    {
        if (!options.TryGetValue("corpus", out var path))
            throw new ArgumentException("replay needs --corpus FILE (make one with: generate --out FILE)");
        if (!File.Exists(path))
            throw new ArgumentException($"there is no corpus file '{path}'");
        var corpus = await CorpusGenerator.ReadAsync(path);
        var network = ReplayNetwork.Sockets(options.GetValueOrDefault("network"));
        var replayer = new Replayer(network, new ReplayOptions
        {
            Parallelism = IntOption(options, "parallel", 4),
            Progress = line => Console.Error.WriteLine(line),
        });
        Console.Error.WriteLine($"Replaying {corpus.Count} entries from {path} against {string.Join(", ", network.Services.Select(s => $"{s.Name} {s.Rest} / {s.Grpc}"))} and {RedactedAmqp(network.AmqpConnectionString)}");
        var report = await replayer.RunAsync(corpus, CancellationToken.None);
        Console.WriteLine(report.ToTable());
        Console.WriteLine(report.Passed ? "PASSED: no 5xx, no crash, every 4xx with a message." : "FAILED: see the failures above.");
        return report.Passed ? 0 : 1;
    }

    static string RedactedAmqp(string uri) => new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString();
}
