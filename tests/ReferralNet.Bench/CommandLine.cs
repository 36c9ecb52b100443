using System.Globalization;

namespace ReferralNet.Bench;

/// <summary>A mode's options: <c>--name value</c> or <c>--name=value</c>, each at most once.</summary>
sealed class CommandLine
{
    readonly Dictionary<string, string> _values;

    CommandLine(Dictionary<string, string> values) => _values = values;

    public static CommandLine Parse(IReadOnlyList<string> args, IEnumerable<string> known)
    {
        var names = known.ToHashSet();
        var values = new Dictionary<string, string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new CommandLineException($"unexpected argument '{args[i]}': options look like --name value");
            var (name, value) = args[i][2..].Split('=', 2) switch
            {
                [var n, var v] => (n, v),
                [var n] when i + 1 < args.Count => (n, args[++i]),
                [var n] => throw new CommandLineException($"--{n} needs a value"),
                _ => throw new CommandLineException($"cannot read '{args[i]}'"),
            };
            if (!names.Contains(name))
                throw new CommandLineException($"unknown option --{name}; this mode takes {string.Join(", ", names.Select(n => "--" + n))}");
            if (!values.TryAdd(name, value))
                throw new CommandLineException($"--{name} is given twice");
        }
        return new CommandLine(values);
    }

    public int Int(string name, int fallback, int min, int max)
    {
        if (!_values.TryGetValue(name, out var text))
            return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new CommandLineException($"--{name} must be a whole number from {min} to {max}, not '{text}'");
        return value;
    }

    public string? String(string name) => _values.GetValueOrDefault(name);

    /// <summary><c>KEY=VALUE;KEY=VALUE</c> as a dictionary (empty when the option is not given).</summary>
    public IReadOnlyDictionary<string, string> Pairs(string name)
    {
        var pairs = new Dictionary<string, string>();
        foreach (var item in String(name)?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [])
        {
            if (item.Split('=', 2) is not [{ Length: > 0 } key, var value])
                throw new CommandLineException($"--{name} takes KEY=VALUE pairs separated by ';', and '{item}' is not one");
            pairs[key] = value;
        }
        return pairs;
    }
}
