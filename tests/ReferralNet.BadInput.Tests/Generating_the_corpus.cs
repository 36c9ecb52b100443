using ReferralNet.BadInput.Corpus;

namespace ReferralNet.BadInput.Tests;

public sealed class Generating_the_corpus
{
    [Fact]
    public async Task Gives_the_same_corpus_byte_for_byte_for_the_same_seed_and_another_for_another_seed()
    {
        Assert.Equal(await TextAsync(CorpusGenerator.Generate(seed: 7)), await TextAsync(CorpusGenerator.Generate(seed: 7)));
        Assert.NotEqual(await TextAsync(CorpusGenerator.Generate(seed: 7)), await TextAsync(CorpusGenerator.Generate(seed: 8)));
    }

    [Fact]
    public void Covers_every_service_over_rest_grpc_and_amqp_and_every_category()
    {
        var corpus = CorpusGenerator.Generate();

        Assert.True(corpus.Count >= 10_000, $"{corpus.Count} entries");
        foreach (var service in new[] { "shelter", "legalaid", "medical", "vocational" })
            foreach (var protocol in new[] { "rest", "grpc", "amqp" })
                Assert.Contains(corpus, e => e.Service == service && e.Protocol == protocol);
        Assert.Empty(Categories.All.Except(corpus.Select(e => e.Category)));
        Assert.Equal(Enumerable.Range(1, corpus.Count), corpus.Select(e => e.Id));
    }

    [Fact]
    public void Covers_every_rest_endpoint_and_grpc_lookup_of_every_service()
    {
        var corpus = CorpusGenerator.Generate();
        foreach (var service in ServiceCatalog.All)
            foreach (var endpoint in service.Endpoints)
                Assert.Contains(corpus, e => e.Service == service.Name && e.Method == endpoint.Method && e.Path == endpoint.Path && e.Category == Categories.ApiKeys);
        foreach (var method in GrpcMethod.All)
            Assert.Contains(corpus, e => e.Service == method.Service && e.Path == method.Path && e.Category == Categories.MalformedProtobuf);
    }

    [Fact]
    public void Fills_up_to_a_larger_count_with_random_mutations()
    {
        var corpus = CorpusGenerator.Generate(count: 20_000);
        Assert.Equal(20_000, corpus.Count);
    }

    [Fact]
    public async Task Reads_back_what_it_wrote()
    {
        var corpus = CorpusGenerator.Generate();
        var file = Path.GetTempFileName();
        try
        {
            await using (var writer = new StreamWriter(file))
                await CorpusGenerator.WriteAsync(corpus, writer);
            var read = await CorpusGenerator.ReadAsync(file);
            Assert.Equal(await TextAsync(corpus), await TextAsync(read));
        }
        finally
        {
            File.Delete(file);
        }
    }

    static async Task<string> TextAsync(IEnumerable<CorpusEntry> corpus)
    {
        var writer = new StringWriter();
        await CorpusGenerator.WriteAsync(corpus, writer);
        return writer.ToString();
    }
}
