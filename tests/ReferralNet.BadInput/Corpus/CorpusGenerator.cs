using System.Text.Json;

namespace ReferralNet.BadInput.Corpus;

/// <summary>
/// Builds the corpus: the same seed gives the same entries, byte for byte. Every service's REST
/// endpoints, gRPC lookups and queues get every category that applies; when that is fewer than
/// the requested count, seeded random mutations of valid bodies fill the rest.
/// </summary>
public static class CorpusGenerator
{
    public const int DefaultSeed = 20261128;
    public const int DefaultCount = 10_000;

    public static IReadOnlyList<CorpusEntry> Generate(int seed = DefaultSeed, int count = DefaultCount)
    {
        var random = new Random(seed);
        var entries = new List<CorpusEntry>();
        foreach (var service in ServiceCatalog.All)
        {
            entries.AddRange(new RestCorpus(service, random).Generate());
            entries.AddRange(new GrpcCorpus(service, random).Generate());
            entries.AddRange(new AmqpCorpus(service, random).Generate());
        }
        while (entries.Count < count)
            entries.Add(RandomMutation(random));
        return entries.Select((e, i) => e with { Id = i + 1 }).ToList();
    }

    // A valid body of a random endpoint with a random run of bytes replaced by random JSON punctuation.
    static CorpusEntry RandomMutation(Random random)
    {
        var service = ServiceCatalog.All[random.Next(ServiceCatalog.All.Count)];
        var endpoints = service.Endpoints.Where(e => e.HasBody).ToList();
        var endpoint = endpoints[random.Next(endpoints.Count)];
        var body = endpoint.ValidBody().ToCharArray();
        var at = random.Next(body.Length);
        const string Replacements = "{}[]\",:\\ 0aZ\u0000";
        for (var i = at; i < Math.Min(body.Length, at + 1 + random.Next(4)); i++)
            body[i] = Replacements[random.Next(Replacements.Length)];
        return new CorpusEntry
        {
            Id = 0, Service = service.Name, Protocol = "rest", Method = endpoint.Method, Path = endpoint.Path,
            Headers = new() { ["X-Api-Key"] = service.OwnKey, ["Content-Type"] = "application/json" },
            Body = new string(body), Category = Categories.MalformedJson, Note = $"random mutation at {at}", Expect = "any",
        };
    }

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Writes one entry per line.</summary>
    public static async Task WriteAsync(IEnumerable<CorpusEntry> entries, TextWriter writer)
    {
        foreach (var entry in entries)
            await writer.WriteLineAsync(JsonSerializer.Serialize(entry, Json));
    }

    /// <summary>Reads a corpus file written by <see cref="WriteAsync"/>.</summary>
    public static async Task<IReadOnlyList<CorpusEntry>> ReadAsync(string path)
    {
        var entries = new List<CorpusEntry>();
        var line = 0;
        foreach (var text in await File.ReadAllLinesAsync(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
                continue;
            entries.Add(JsonSerializer.Deserialize<CorpusEntry>(text, Json)
                ?? throw new InvalidDataException($"{path}, line {line}: not a corpus entry"));
        }
        return entries;
    }
}
